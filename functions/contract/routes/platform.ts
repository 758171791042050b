/** The platform itself: health, the contract, and (locally) the dev token issuer. */
import { DevTokenRequest } from '#contract/schemas/dev-tokens';
import { API, type RouteSchema } from './types.ts';

export const PLATFORM_ROUTES = {
  Health: {
    id: 'Health',
    method: 'GET',
    path: '/healthz',
    handler: { entry: `${API}/health.ts`, export: 'handler' },
    access: 'public',
    summary: 'Liveness: 200 once every engine is ready',
    responses: {
      200: { description: 'ready' },
      503: { description: 'the engines are still starting (local runtime); retry after `Retry-After`' },
    },
  },

  OpenApi: {
    id: 'OpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: { entry: `${API}/openapi.ts`, export: 'handler' },
    access: 'public',
    summary: 'This contract as OpenAPI 3.1',
    responses: { 200: { description: 'the OpenAPI document' } },
  },

  IssueDevToken: {
    id: 'IssueDevToken',
    method: 'POST',
    path: '/v1/dev/tokens',
    handler: { entry: 'infra/local/dev-tokens.ts', export: 'handler' },
    access: 'public',
    localOnly: true,
    summary: 'Local runtime only: issues a signed token for any role',
    request: { body: DevTokenRequest },
    responses: { 201: { description: '{token}' } },
  },
} as const satisfies Record<string, RouteSchema>;
