/**
 * The token service's ports for tests: the platform's issuer at a test URL, a key pair made in memory on
 * first use (RSA key generation costs tens of milliseconds: only tests that sign pay it), and the
 * providers a test names, their keys given inline (no network).
 */
import { DEFAULT_TOKEN_AUDIENCE } from '#contract/identity';
import type { IdentityProvider } from '#domain/identity/provider';
import type { TokenIssuer } from '#ports/identity';
import { OidcProviders } from '../oidc-providers.ts';
import { LocalTokenKeyring } from '../token-signer-local.ts';

export const MEMORY_TOKEN_ISSUER: TokenIssuer = {
  issuer: 'https://registry.test',
  audience: DEFAULT_TOKEN_AUDIENCE,
};

export function memoryIdentity(providers: readonly IdentityProvider[] = []) {
  return {
    tokenIssuer: MEMORY_TOKEN_ISSUER,
    tokenKeys: new LocalTokenKeyring(),
    identityProviders: new OidcProviders(providers),
  };
}
