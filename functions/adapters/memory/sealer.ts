/**
 * The in-memory twin of sealer.ts: AES-256-GCM under a key made for this process, so a sealed value
 * round-trips within a test run and is unreadable anywhere else, as sealed personal data should be.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Sealer } from '#ports/sealer';

const PREFIX = 'v1.memory.';

export class MemorySealer implements Sealer {
  private readonly key = randomBytes(32);

  async seal(plaintext: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return PREFIX + [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
  }

  async unseal(sealed: string): Promise<string> {
    if (!sealed.startsWith(PREFIX)) throw new Error('not sealed by the memory sealer');
    const [iv, tag, body, ...extra] = sealed.slice(PREFIX.length).split('.');
    if (iv === undefined || tag === undefined || body === undefined || extra.length > 0)
      throw new Error('not sealed by the memory sealer');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
