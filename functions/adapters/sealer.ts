/**
 * AES-256-GCM envelope sealing. In AWS the data key comes from KMS (`SEALING_KEY_ID`): each seal asks
 * KMS for a fresh data key and stores it encrypted beside the ciphertext. Locally the key is a file
 * under the data directory (`LOCAL_SEALING_KEY_FILE`), as the local signing key is: the local runtime
 * holds no real personal data (README).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import type { Sealer } from '#ports/sealer';
import { kmsClient } from './clients.ts';

const VERSION = 'v1';

function encrypt(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function decrypt(key: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

export class LocalFileSealer implements Sealer {
  private readonly key: Buffer;

  constructor(file: string) {
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    }
    this.key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }

  async seal(plaintext: string): Promise<string> {
    return `${VERSION}.local.${encrypt(this.key, plaintext)}`;
  }

  async unseal(sealed: string): Promise<string> {
    const [version, kind, ...rest] = sealed.split('.');
    if (version !== VERSION || kind !== 'local') throw new Error('not sealed by the local sealer');
    return decrypt(this.key, rest.join('.'));
  }
}

export class KmsEnvelopeSealer implements Sealer {
  constructor(
    private readonly keyId: string,
    private readonly kms = kmsClient(),
  ) {}

  async seal(plaintext: string): Promise<string> {
    const key = await this.kms.send(new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256' }));
    const sealed = encrypt(Buffer.from(key.Plaintext!), plaintext);
    return `${VERSION}.kms.${Buffer.from(key.CiphertextBlob!).toString('base64url')}.${sealed}`;
  }

  async unseal(sealed: string): Promise<string> {
    const [version, kind, wrapped, ...rest] = sealed.split('.');
    if (version !== VERSION || kind !== 'kms' || !wrapped) throw new Error('not sealed by KMS');
    const key = await this.kms.send(
      new DecryptCommand({ CiphertextBlob: Buffer.from(wrapped, 'base64url'), KeyId: this.keyId }),
    );
    return decrypt(Buffer.from(key.Plaintext!), rest.join('.'));
  }
}
