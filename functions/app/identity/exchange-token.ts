/**
 * The token exchange (POST /v1/auth/token): a provider's ID token in, a platform token out. The provider
 * is chosen by the token's `iss` among those the deployment names, the token is verified against that
 * provider's keys alone, its claims are mapped by the domain's one mapping, and the platform token
 * lives 15 minutes at most, never past the provider's token.
 */
import { PLATFORM_TOKEN_LIFETIME_SECONDS } from '#contract/identity';
import { mapProviderClaims, unverifiedIssuer } from '#domain/identity/claims-mapping';
import { TokenRefused } from '#domain/identity/refusal';
import type { Clock } from '#ports/clock';
import type { IdentityProviders, TokenIssuer, TokenKeyring } from '#ports/identity';
import { signPlatformToken } from './platform-token.ts';

export interface ExchangePorts {
  clock: Clock;
  tokenIssuer: TokenIssuer;
  tokenKeys: TokenKeyring;
  identityProviders: IdentityProviders;
}

export interface ExchangedToken {
  accessToken: string;
  expiresIn: number;
}

export async function exchangeToken(ports: ExchangePorts, subjectToken: string): Promise<ExchangedToken> {
  const issuer = unverifiedIssuer(subjectToken);
  // The platform's own tokens are not a provider's: exchanging one would renew it for ever.
  const provider =
    issuer === ports.tokenIssuer.issuer
      ? undefined
      : ports.identityProviders.providers.find((p) => p.issuer === issuer);
  if (!provider)
    throw new TokenRefused('unknown-issuer', 'its issuer is not a provider this registry trusts');

  const now = ports.clock.now();
  const payload = await ports.identityProviders.verify(provider, subjectToken, now);
  const claims = mapProviderClaims(provider, payload);

  const nowSeconds = Math.floor(now.getTime() / 1000);
  // verify() has checked exp against now (with the provider's small clock skew allowance): at least 1 s.
  const left = typeof payload.exp === 'number' ? payload.exp - nowSeconds : PLATFORM_TOKEN_LIFETIME_SECONDS;
  const lifetime = Math.max(1, Math.min(PLATFORM_TOKEN_LIFETIME_SECONDS, left));
  const { token } = await signPlatformToken(ports, claims, now, lifetime);
  return { accessToken: token, expiresIn: lifetime };
}
