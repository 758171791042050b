/**
 * The providers' tokens checked with jose: each provider's keys from its `jwksUri` (fetched once, cached
 * per provider for the life of the container, fetched again for an unknown `kid` after a cool-down, so a
 * provider's key rotation needs nothing from us) or as given inline; then the algorithm, the signature,
 * `iss`, `aud`, `exp` and `nbf`. jose's errors become the domain's refusals here, and a provider whose
 * keys cannot be fetched becomes a 503 (the caller may retry), never a refusal of a good token.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  errors,
  type FetchImplementation,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { UnavailableError } from '#domain/errors';
import type { IdentityProvider } from '#domain/identity/provider';
import { type RefusalReason, TokenRefused } from '#domain/identity/refusal';
import type { IdentityProviders } from '#ports/identity';

/** Clocks of a provider and of Lambda may differ a little: a minute either way. */
const CLOCK_TOLERANCE_SECONDS = 60;
const FETCH_TIMEOUT_MS = 3000;
const KEYS_MAX_AGE_MS = 10 * 60 * 1000;

export interface OidcProvidersOptions {
  /** A fetch of one's own (tests); the platform's fetch otherwise. */
  fetch?: FetchImplementation;
}

function refusalOf(error: unknown): TokenRefused | UnavailableError {
  if (error instanceof errors.JWTExpired) return new TokenRefused('expired', 'it has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const byClaim: Record<string, [RefusalReason, string]> = {
      iss: ['issuer', 'its iss is not the provider’s'],
      aud: ['audience', 'it was issued for another client'],
      nbf: ['not-yet-valid', 'it is not valid yet'],
    };
    const [reason, message] = byClaim[error.claim] ?? [
      'claims',
      `the claim '${error.claim}' is ${error.reason}`,
    ];
    return new TokenRefused(reason, message);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return new TokenRefused(
      'algorithm',
      'it is unsigned or signed with an algorithm this provider does not use',
    );
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
    return new TokenRefused('signature', 'no key of the provider verifies its signature');
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return new TokenRefused('malformed', (error as Error).message);
  // Timeouts, network failures, a provider answering something other than a key set: not the token's fault.
  return new UnavailableError('the identity provider’s keys could not be read just now; retry shortly', 2);
}

export class OidcProviders implements IdentityProviders {
  private readonly keys = new Map<string, JWTVerifyGetKey>();

  constructor(
    readonly providers: readonly IdentityProvider[],
    private readonly options: OidcProvidersOptions = {},
  ) {}

  async verify(provider: IdentityProvider, token: string, now: Date): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.keysOf(provider), {
        issuer: provider.issuer,
        audience: provider.audience,
        algorithms: [...provider.algorithms],
        currentDate: now,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      throw refusalOf(error);
    }
  }

  /** One key set per provider, made once: jose's remote set is its cache. */
  private keysOf(provider: IdentityProvider): JWTVerifyGetKey {
    let keys = this.keys.get(provider.id);
    if (!keys) {
      keys = provider.jwks
        ? createLocalJWKSet(provider.jwks as unknown as JSONWebKeySet)
        : createRemoteJWKSet(new URL(provider.jwksUri!), {
            timeoutDuration: FETCH_TIMEOUT_MS,
            cacheMaxAge: KEYS_MAX_AGE_MS,
            ...(this.options.fetch ? { [customFetch]: this.options.fetch } : {}),
          });
      this.keys.set(provider.id, keys);
    }
    return keys;
  }
}
