/**
 * The error responses of each operation, from what the route table says of the route: every error
 * body is problem+json (functions/http/problem.ts), so a generated client gets one typed shape for all.
 * A route lists the errors only it can give (404, 409, 422); those every route of a kind gives are
 * added here, from the route's access, request, idempotency, rate limit and what it touches.
 */
import type { RouteSchema } from '#contract/routes';

/** What each status means on any route; a route's own description, where it gives one, is preferred. */
const MEANING: Readonly<Record<number, string>> = {
  400: 'the request does not match the schema; `errors` lists each bad field',
  401: 'no valid bearer token',
  403: 'this role may not use the route',
  404: 'it does not exist, or it is not the caller’s',
  409: 'it conflicts with the current state',
  413: 'the body is larger than the limit',
  422: 'refused by a rule; the body carries every finding or reason',
  429: 'too many requests from this address; retry after `Retry-After` seconds',
  503: 'storage is busy or the engines are starting; retry later',
};

const IDEMPOTENCY = {
  409: 'a request with this Idempotency-Key is still in flight',
  422: 'this Idempotency-Key was used with another body',
} as const;

/** Whether the handler reads storage or the workflow engine, which can be throttled. */
const readsStorage = (route: RouteSchema) =>
  Boolean(route.grants?.registryTable || route.grants?.documentsBucket || route.grants?.observeWorkflows);

/** Every error status the route can answer with, and what it means there. */
export function errorStatuses(route: RouteSchema): Map<number, string> {
  const out = new Map<number, string>();
  const add = (status: number, when: unknown, meaning = MEANING[status]!) => {
    if (when && !out.has(status)) out.set(status, meaning);
  };
  for (const [status, response] of Object.entries(route.responses))
    if (Number(status) >= 400) out.set(Number(status), response.description);
  const protectedRoute = route.access !== 'public';
  add(400, route.request);
  add(401, protectedRoute);
  add(403, protectedRoute);
  add(413, route.request?.body);
  add(429, route.rateLimited);
  add(503, readsStorage(route));
  for (const status of [409, 422] as const)
    if (route.idempotent) {
      const own = out.get(status);
      out.set(status, own ? `${own}; or ${IDEMPOTENCY[status]}` : IDEMPOTENCY[status]);
    }
  return new Map([...out].sort(([a], [b]) => a - b));
}

/** Headers that come with some errors, as OpenAPI header objects. */
export function errorHeaders(status: number): Record<string, unknown> | undefined {
  if (status === 401)
    return {
      'WWW-Authenticate': { description: 'the `Bearer` challenge', schema: { type: 'string' } },
    };
  if (status === 429)
    return {
      'Retry-After': {
        description: 'seconds to wait before retrying',
        schema: { type: 'integer', minimum: 0 },
      },
    };
  return undefined;
}
