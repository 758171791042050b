/**
 * The local stand-in for API Gateway's JWT authorizer, over the token service's own issuer: the server
 * verifies platform tokens (RS256, signed by the key under DATA_DIR/keys/platform-token) with the issuer's
 * URL (the server's own) and audience, and puts the claims where the authorizer puts them. The dev token
 * route signs with the same key, playing an identity provider and the token service in one step.
 */
import { createLocalJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { signPlatformToken } from '#app/identity/platform-token';
import { PLATFORM_TOKEN_ALGORITHM } from '#contract/identity';
import type { Ports } from '#ports/ports';

export const LOCAL_AUDIENCE = 'one-stop-registry-local';

/** Dev tokens last a working day, as before the token service: a local convenience, never deployed. */
const DEV_TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;

export interface LocalIssuer {
  issuer: string;
  sign(claims: Record<string, string>): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

export function localIssuer(ports: Pick<Ports, 'clock' | 'tokenIssuer' | 'tokenKeys'>): LocalIssuer {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const { issuer, audience } = ports.tokenIssuer;
  return {
    issuer,
    sign: async (claims) =>
      (await signPlatformToken(ports, claims, ports.clock.now(), DEV_TOKEN_LIFETIME_SECONDS)).token,
    verify: async (token) => {
      keys ??= ports.tokenKeys.jwks().then((jwks) => createLocalJWKSet(jwks));
      const verified = await jwtVerify(token, await keys, {
        issuer,
        audience,
        algorithms: [PLATFORM_TOKEN_ALGORITHM],
      });
      return verified.payload;
    },
  };
}
