/**
 * The local runtime's platform-token key: an RSA-2048 key pair kept as a JWK file under DATA_DIR
 * (`keys/platform-token/private.jwk.json`, mode 0600), made on first use. Tokens signed before a restart
 * still verify after it, as long as the data directory is kept. Without a directory (the in-memory
 * ports of the unit tests) the key lives in memory.
 */
import { createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TokenKeyring, TokenPublicJwk, TokenSigningKey } from '#ports/identity';
import { publishedTokenJwk } from './token-jwk.ts';

class LocalTokenKey implements TokenSigningKey {
  constructor(
    private readonly key: KeyObject,
    private readonly jwk: TokenPublicJwk,
  ) {}

  get kid(): string {
    return this.jwk.kid;
  }

  async sign(signingInput: Uint8Array): Promise<Uint8Array> {
    // Node signs RSA keys with PKCS #1 v1.5 padding unless told otherwise: RS256.
    return new Uint8Array(sign('sha256', signingInput, this.key));
  }

  async publicJwk(): Promise<TokenPublicJwk> {
    return this.jwk;
  }
}

export class LocalTokenKeyring implements TokenKeyring {
  private key: Promise<LocalTokenKey> | undefined;

  constructor(private readonly dir?: string) {}

  current(): Promise<TokenSigningKey> {
    this.key ??= this.load();
    return this.key;
  }

  async jwks(): Promise<{ keys: TokenPublicJwk[] }> {
    return { keys: [await (await this.current()).publicJwk()] };
  }

  private async load(): Promise<LocalTokenKey> {
    const key = this.readOrMake();
    return new LocalTokenKey(key, await publishedTokenJwk(key));
  }

  private readOrMake(): KeyObject {
    const file = this.dir ? join(this.dir, 'private.jwk.json') : undefined;
    if (file && existsSync(file))
      return createPrivateKey({ key: JSON.parse(readFileSync(file, 'utf8')) as JsonWebKey, format: 'jwk' });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    if (file && this.dir) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, JSON.stringify(privateKey.export({ format: 'jwk' })), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    return privateKey;
  }
}
