/**
 * The platform's token service (docs/decisions/0017-identity.md): a provider's ID token in, a short-lived
 * platform token out, and the issuer metadata the API's JWT authorizer fetches to verify those tokens.
 * All public: they are how a caller gets a token in the first place.
 */
import { DISCOVERY_PATH, TOKEN_ENDPOINT_PATH, TOKEN_JWKS_PATH } from '#contract/identity';
import {
  OpenIdConfiguration,
  PlatformJwks,
  TokenExchangeRequest,
  TokenExchangeResponse,
} from '#contract/schemas/identity';
import { API, type RouteSchema } from './types.ts';

const HANDLER = `${API}/auth.ts`;

export const AUTH_ROUTES = {
  ExchangeToken: {
    id: 'ExchangeToken',
    method: 'POST',
    path: TOKEN_ENDPOINT_PATH,
    handler: { entry: HANDLER, export: 'exchange' },
    access: 'public',
    rateLimited: true,
    grants: { platformTokens: 'sign' },
    summary:
      "Exchanges an identity provider's ID token for a platform token (RFC 8693): verified against that provider's keys, its claims mapped",
    request: { body: TokenExchangeRequest },
    responses: {
      200: { description: 'the platform token', schema: TokenExchangeResponse },
      400: {
        description:
          'the body does not match the schema, or the subject token is refused (`invalid-grant`: unknown issuer, wrong audience, expired, bad signature, no role)',
      },
      503: { description: "the provider's keys or the signing key could not be read just now; retry" },
    },
  },

  OpenIdConfiguration: {
    id: 'OpenIdConfiguration',
    method: 'GET',
    path: DISCOVERY_PATH,
    handler: { entry: HANDLER, export: 'configuration' },
    access: 'public',
    // Not throttled below the stage: the gateway's own authorizer reads it (and the keys), and a
    // route limit that others can exhaust would lock every caller out.
    grants: { platformTokens: 'issuer' },
    summary: "The platform issuer's OpenID Connect discovery document (what the JWT authorizer reads)",
    responses: { 200: { description: 'the discovery document', schema: OpenIdConfiguration } },
  },

  PlatformJwks: {
    id: 'PlatformJwks',
    method: 'GET',
    path: TOKEN_JWKS_PATH,
    handler: { entry: HANDLER, export: 'jwks' },
    access: 'public',
    grants: { platformTokens: 'publicKey' },
    summary: 'The public keys that sign platform tokens (RS256), by kid',
    responses: { 200: { description: 'the JWK set', schema: PlatformJwks } },
  },
} as const satisfies Record<string, RouteSchema>;
