import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A sortable, unguessable id: 10 characters of time, 16 of randomness (Crockford base32, lower case). */
export function newId(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 10; i++, t = Math.floor(t / 32)) time = ALPHABET[t % 32] + time;
  const random = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join('');
  return time + random;
}

/** 26 characters of the key's SHA-256, in the same alphabet: unguessable without the key, stable with it. */
export function idFromKey(key: string): string {
  return [...createHash('sha256').update(key).digest().subarray(0, 26)].map((b) => ALPHABET[b % 32]).join('');
}
