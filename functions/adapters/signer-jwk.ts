/** Public-key helpers shared by the local and KMS signers: one way to make a published JWK and its kid. */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import type { PublicJwk } from '#ports/signer';

/**
 * The kid is the key's RFC 7638 thumbprint: derived from the public key alone, so the local and KMS
 * keys name themselves the same way and a kid can never point at two different keys.
 */
export async function publishedJwk(key: KeyObject): Promise<PublicJwk> {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' });
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y)
    throw new Error('the registry signs with P-256 keys only');
  const core = { kty: 'EC' as const, crv: 'P-256' as const, x: jwk.x, y: jwk.y };
  return { ...core, kid: await calculateJwkThumbprint(core, 'sha256'), alg: 'ES256', use: 'sig' };
}

/** SPKI DER (what KMS GetPublicKey returns) to the published JWK. */
export function publishedJwkFromSpki(spki: Uint8Array): Promise<PublicJwk> {
  return publishedJwk(createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }));
}
