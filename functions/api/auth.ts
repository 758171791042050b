/** The token service's routes (docs/decisions/0017-identity.md): parse, call the use case, map. */
import { exchangeToken } from '#app/identity/exchange-token';
import { openIdConfiguration, platformJwks } from '#app/identity/platform-token';
import { ROUTE } from '#contract/routes';
import { JWT_TOKEN_TYPE } from '#contract/schemas/identity';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

/** The gateway caches the keys up to two hours whatever we say; an hour here keeps clients in step. */
const METADATA_CACHE = { 'cache-control': 'public, max-age=3600' };

export function handlers(ports: Pick<Ports, 'clock' | 'tokenIssuer' | 'tokenKeys' | 'identityProviders'>) {
  return {
    exchange: httpRoute(ROUTE.ExchangeToken, async ({ body }) => {
      const { accessToken, expiresIn } = await exchangeToken(ports, body.subject_token);
      // RFC 6749 §5.1: a token response is never cached.
      return json(
        200,
        {
          access_token: accessToken,
          issued_token_type: JWT_TOKEN_TYPE,
          token_type: 'Bearer',
          expires_in: expiresIn,
        },
        { 'cache-control': 'no-store', pragma: 'no-cache' },
      );
    }),

    configuration: httpRoute(ROUTE.OpenIdConfiguration, async () =>
      json(200, openIdConfiguration(ports.tokenIssuer), METADATA_CACHE),
    ),

    jwks: httpRoute(ROUTE.PlatformJwks, async () => json(200, await platformJwks(ports), METADATA_CACHE)),
  };
}
