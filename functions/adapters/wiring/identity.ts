/**
 * The token service's configuration from the environment, the same in both runtimes: the providers
 * (IDENTITY_PROVIDERS, JSON) and the platform's issuer and audience. The signing key is the
 * composition root's own choice (KMS in the cloud, a key file locally).
 */
import { TOKEN_ENV } from '#contract/identity';
import { parseIdentityProviders } from '#contract/schemas/identity';
import type { PortFactory } from '#ports/ports';
import { requireEnv } from '../config.ts';
import { OidcProviders } from '../oidc-providers.ts';

/**
 * Made once per container, so each provider's keys are fetched once and then cached (oidc-providers.ts).
 * A malformed list fails the first exchange with the setting's name, never silently trusts nobody.
 */
export const identityProviders: PortFactory<'identityProviders'> = () =>
  new OidcProviders(parseIdentityProviders(process.env[TOKEN_ENV.providers] || '[]', TOKEN_ENV.providers));

export const tokenIssuer: PortFactory<'tokenIssuer'> = () => ({
  issuer: requireEnv(TOKEN_ENV.issuer),
  audience: requireEnv(TOKEN_ENV.audience),
});
