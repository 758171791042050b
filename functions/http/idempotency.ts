/**
 * `Idempotency-Key` (api.md): scoped to the caller and the route, kept 24 hours. A repeat with the same
 * key and body returns the first response; with another body, 422; while the first is in flight, 409.
 * Requests without the header are not recorded at all, so they cost no extra round trip.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteSchema } from '#contract/routes';
import type { IdempotencyStore } from '#ports/idempotency';
import { readCaller } from './claims.ts';
import { HttpProblem } from './problem.ts';

const KEY_PATTERN = /^[\x21-\x7e]{8,128}$/;

export function idempotency(
  route: RouteSchema,
  store: () => IdempotencyStore,
): MiddlewareObj<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2> {
  const claimed = new WeakMap<object, string>();
  return {
    before: async (request) => {
      const header = request.event.headers?.['idempotency-key'];
      if (header === undefined) return;
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
      const scope = `${readCaller(request.event)?.sub ?? 'public'}#${route.id}#${header}`;
      const hash = createHash('sha256')
        .update(request.event.body ?? '')
        .digest('hex');
      const claim = await store().claim(scope, hash, new Date());
      switch (claim.state) {
        case 'claimed':
          claimed.set(request.event, scope);
          return;
        case 'completed':
          return { ...claim.response, headers: { ...claim.response.headers, 'idempotent-replayed': 'true' } };
        case 'in_progress':
          throw new HttpProblem(
            409,
            'idempotency-in-flight',
            'Conflict',
            'a request with this Idempotency-Key is still in progress',
          );
        case 'mismatch':
          throw new HttpProblem(
            422,
            'idempotency-key-reused',
            'Refused by a rule',
            'this Idempotency-Key was used with another request body',
          );
      }
    },
    after: async (request) => {
      const scope = claimed.get(request.event);
      const response = request.response;
      if (!scope || !response) return;
      await store().complete(
        scope,
        {
          statusCode: response.statusCode ?? 200,
          body: typeof response.body === 'string' ? response.body : '',
          headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k, String(v)])),
        },
        new Date(),
      );
    },
    onError: async (request) => {
      const scope = claimed.get(request.event);
      if (scope) await store().abandon(scope);
    },
  };
}
