/**
 * The registry's signing key, behind one port for the e-license, its status lists and the department
 * events: a P-256 key file locally, a KMS key in the cloud. Signatures are ES256 in JOSE form.
 */
import type { JWK } from 'jose';

/** A published public key: a P-256 JWK that always carries its `kid`, `alg` and `use`. */
export type PublicJwk = JWK & { kid: string; kty: 'EC'; crv: 'P-256'; x: string; y: string };

export interface JwkSet {
  keys: PublicJwk[];
}

export interface Signer {
  /** The key id verifiers look the public key up by in the JWKS. */
  readonly kid: string;
  /** ECDSA P-256 over SHA-256 of `signingInput`: the 64-byte r||s form JWS uses (RFC 7518 §3.4), not DER. */
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
  publicJwk(): Promise<PublicJwk>;
}

/**
 * The keys of the registry across rotations: the one that signs today and every retired public key a
 * license still in force was signed with. `jwks()` is what `GET /.well-known/jwks.json` serves: a key
 * stays published until the issuance side retires it, once no valid license or status list needs it.
 */
export interface Keyring {
  current(): Promise<Signer>;
  jwks(): Promise<JwkSet>;
}

/** A keyring that rotates itself (the local one); KMS keys rotate through configuration instead. */
export interface RotatingKeyring extends Keyring {
  /** Makes a new current key; the old private key is destroyed and its public key stays published. */
  rotate(): Promise<Signer>;
  /** Stops publishing a retired key. Refuses the current key. */
  retire(kid: string): Promise<void>;
}
