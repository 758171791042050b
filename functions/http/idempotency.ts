/**
 * `Idempotency-Key` (api.md): scoped to the caller and the route, kept 24 hours. A repeat with the same
 * key and body returns the first response; with another body, 422; while the first is in flight, 409.
 * Requests without the header are not recorded at all, so they cost no extra round trip.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteSchema } from '#contract/routes';
import type { Caller } from '#domain/caller';
import type { IdempotencyClaim, IdempotencyStore } from '#ports/idempotency';
import { readCaller } from './claims.ts';
import { HttpProblem } from './problem.ts';

const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Response = APIGatewayProxyStructuredResultV2;

export function idempotency(
  route: RouteSchema,
  store: () => IdempotencyStore,
): MiddlewareObj<Event, Response> {
  const claimed = new WeakMap<object, string>();
  return {
    before: async (request) => {
      const header = request.event.headers?.['idempotency-key'];
      if (header === undefined) return;
      const scope = scopeOf(route, readCaller(request.event), header);
      const hash = createHash('sha256').update(canonicalBody(request.event.body)).digest('hex');
      const claim = await store().claim(scope, hash, new Date());
      if (claim.state === 'claimed') {
        claimed.set(request.event, scope);
        return;
      }
      return answerTo(claim);
    },
    after: async (request) => {
      const scope = claimed.get(request.event);
      const response = request.response;
      if (!scope || !response) return;
      await store().complete(scope, stored(response), new Date());
    },
    onError: async (request) => {
      const scope = claimed.get(request.event);
      if (scope) await store().abandon(scope);
    },
  };
}

/**
 * Scoped to the caller's role as well as its subject (a clerk and an applicant with one `sub` share
 * nothing), and to the route.
 */
/**
 * The request's idempotency scope, for a use case that derives the id of what it creates from it (so a
 * retry finds it); undefined without the header.
 */
export function requestKeyOf(
  route: RouteSchema,
  caller: Caller | undefined,
  headers: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const header = headers['idempotency-key'];
  return header === undefined ? undefined : scopeOf(route, caller, header);
}

function scopeOf(route: RouteSchema, caller: Caller | undefined, header: string): string {
  if (!KEY_PATTERN.test(header)) {
    throw new HttpProblem(
      400,
      'validation',
      'Bad request',
      'Idempotency-Key must be 8 to 128 printable characters',
      {
        errors: [{ path: 'headers.idempotency-key', message: 'invalid' }],
      },
    );
  }
  return `${caller ? `${caller.role}:${caller.sub}` : 'public'}#${route.id}#${header}`;
}

/** A repeat: the first response replayed, or why it cannot be. */
function answerTo(claim: Exclude<IdempotencyClaim, { state: 'claimed' }>): Response {
  switch (claim.state) {
    case 'completed':
      return { ...claim.response, headers: { ...claim.response.headers, 'idempotent-replayed': 'true' } };
    case 'in_progress':
      // The first request is answered within seconds, or its claim is taken over after a minute.
      throw new HttpProblem(
        409,
        'idempotency-in-flight',
        'Conflict',
        'a request with this Idempotency-Key is still in progress',
        {},
        { 'retry-after': '2' },
      );
    case 'mismatch':
      throw new HttpProblem(
        422,
        'idempotency-key-reused',
        'Refused by a rule',
        'this Idempotency-Key was used with another request body',
      );
  }
}

function stored(response: Response) {
  return {
    statusCode: response.statusCode ?? 200,
    body: typeof response.body === 'string' ? response.body : '',
    headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)])),
  };
}

/**
 * The body as compared between a request and its repeat: JSON with its keys in one order at every depth,
 * so the same body with its keys in another order is the same body. A body that is not JSON compares as
 * its text (the schema refuses it anyway).
 */
export function canonicalBody(body: string | undefined): string {
  if (!body) return '';
  try {
    return JSON.stringify(sorted(JSON.parse(body)));
  } catch {
    return body;
  }
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
  );
}
