/**
 * The token service's fixed terms, shared by both composition roots: the environment that configures
 * it, the audience of platform tokens, their lifetime, and where the issuer's metadata is served.
 */

/** Environment variables of the token service's functions (the cloud sets them with their grant). */
export const TOKEN_ENV = {
  /** The KMS key that signs platform tokens (RSA_2048), given only to the functions that use it. */
  signingKey: 'TOKEN_SIGNING_KEY_ID',
  /** The platform's issuer URL: the `iss` of its tokens, and where its discovery document is served. */
  issuer: 'TOKEN_ISSUER',
  audience: 'TOKEN_AUDIENCE',
  /** The providers, as JSON (contract/schemas/identity.ts); locally the IDENTITY_PROVIDERS setting. */
  providers: 'IDENTITY_PROVIDERS',
} as const;

/** The `aud` of platform tokens unless the deployment names another (`registry:tokenAudience`). */
export const DEFAULT_TOKEN_AUDIENCE = 'one-stop-registry';

/**
 * A platform token lives 15 minutes, and never past the provider's token it was exchanged for: a person
 * signed out (or disabled) at the provider loses the registry within that time, and a leaked token is
 * worth little. A client exchanges the provider's token again when it runs out.
 */
export const PLATFORM_TOKEN_LIFETIME_SECONDS = 15 * 60;

/**
 * RS256: API Gateway's HTTP API JWT authorizer verifies RSA signatures only, so the platform signs with
 * RSA even though the licenses are ES256 (docs/decisions/0017-identity.md).
 */
export const PLATFORM_TOKEN_ALGORITHM = 'RS256';

/** Where the issuer's keys are published, below the issuer URL (the discovery document names it). */
export const TOKEN_JWKS_PATH = '/v1/auth/jwks.json';
export const TOKEN_ENDPOINT_PATH = '/v1/auth/token';
export const DISCOVERY_PATH = '/.well-known/openid-configuration';
