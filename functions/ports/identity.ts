/**
 * The token service's ports (docs/decisions/0017-identity.md): the platform's issuer, its signing key,
 * and the providers whose tokens it exchanges. The signing key is the Signer idea of the licenses
 * (ports/signer.ts) with another key and another algorithm: RS256, the only family API Gateway's JWT
 * authorizer verifies; a KMS key in the cloud, a key file under DATA_DIR locally.
 */
import type { JWK, JWTPayload } from 'jose';
import type { IdentityProvider } from '#domain/identity/provider';

/** Who the platform's tokens say issued them, and for whom. */
export interface TokenIssuer {
  /** The `iss` of every platform token: an https URL (the API's), its discovery document below it. */
  issuer: string;
  /** The `aud` of every platform token, which the JWT authorizer requires. */
  audience: string;
}

/** A published RSA public key that always carries its `kid`, `alg` and `use`. */
export type TokenPublicJwk = JWK & {
  kty: 'RSA';
  kid: string;
  n: string;
  e: string;
  alg: 'RS256';
  use: 'sig';
};

export interface TokenSigningKey {
  readonly kid: string;
  /** RSASSA-PKCS1-v1_5 over SHA-256 of `signingInput` (RS256, RFC 7518 §3.3). */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
  publicJwk(): Promise<TokenPublicJwk>;
}

export interface TokenKeyring {
  current(): Promise<TokenSigningKey>;
  /** What the issuer's `jwks_uri` serves. */
  jwks(): Promise<{ keys: TokenPublicJwk[] }>;
}

/** The providers a deployment trusts, and the check of a token one of them signed. */
export interface IdentityProviders {
  readonly providers: readonly IdentityProvider[];
  /**
   * Verifies the token against that provider's keys (fetched from its `jwksUri` and cached, or given):
   * signature, algorithm, `iss`, `aud`, `exp` and `nbf` at `now`. Returns the payload, or throws
   * TokenRefused with the reason (UnavailableError when the keys cannot be fetched).
   */
  verify(provider: IdentityProvider, token: string, now: Date): Promise<JWTPayload>;
}
