/** The published form of a platform-token key, shared by the KMS and the local keyrings. */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { TokenPublicJwk } from '#ports/identity';

/**
 * The kid is the key's RFC 7638 thumbprint, as for the license keys (signer-jwk.ts): derived from the
 * public key alone, so a kid can never name two keys, locally or in KMS.
 */
export async function publishedTokenJwk(key: KeyObject): Promise<TokenPublicJwk> {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e) throw new Error('platform tokens are signed with RSA keys only');
  const core = { kty: 'RSA' as const, n: jwk.n, e: jwk.e };
  return { ...core, kid: await calculateJwkThumbprint(core, 'sha256'), alg: 'RS256', use: 'sig' };
}

/** SPKI DER (what KMS GetPublicKey returns) to the published JWK. */
export function publishedTokenJwkFromSpki(spki: Uint8Array): Promise<TokenPublicJwk> {
  return publishedTokenJwk(createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
}
