/**
 * The local runtime's signing key: a P-256 key pair kept as JWK files in a directory under DATA_DIR
 * (architecture.md, E-license). Layout, one key per kid:
 *   current                  the kid that signs now
 *   <kid>.private.jwk.json   the current private key only (mode 0600)
 *   <kid>.public.jwk.json    every key still published in the JWKS
 * Rotation destroys the old private key, so a leaked old key file can sign nothing new, and keeps the
 * old public key so licenses it signed still verify until the key is retired.
 */
import { createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject, sign } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JwkSet, PublicJwk, RotatingKeyring, Signer } from '#ports/signer';
import { publishedJwk } from './signer-jwk.ts';

const PUBLIC_SUFFIX = '.public.jwk.json';
const KID = /^[A-Za-z0-9_-]{43}$/;

export class LocalSigner implements Signer {
  constructor(
    readonly kid: string,
    private readonly key: KeyObject,
    private readonly jwk: PublicJwk,
  ) {}

  async sign(signingInput: Uint8Array): Promise<Uint8Array> {
    return new Uint8Array(sign('sha256', signingInput, { key: this.key, dsaEncoding: 'ieee-p1363' }));
  }

  async publicJwk(): Promise<PublicJwk> {
    return this.jwk;
  }
}

export class LocalKeyring implements RotatingKeyring {
  private signer: LocalSigner | undefined;

  constructor(private readonly dir: string) {}

  async current(): Promise<Signer> {
    if (this.signer) return this.signer;
    const currentFile = join(this.dir, 'current');
    if (!existsSync(currentFile)) return this.rotate();
    const kid = readFileSync(currentFile, 'utf8').trim();
    const key = createPrivateKey({
      key: this.readJson<JsonWebKey>(`${kid}.private.jwk.json`),
      format: 'jwk',
    });
    this.signer = new LocalSigner(kid, key, await publishedJwk(key));
    return this.signer;
  }

  async rotate(): Promise<Signer> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const previous = existsSync(join(this.dir, 'current')) ? await this.current() : undefined;
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = await publishedJwk(privateKey);
    this.write(`${jwk.kid}.private.jwk.json`, JSON.stringify(privateKey.export({ format: 'jwk' })), 0o600);
    this.write(`${jwk.kid}${PUBLIC_SUFFIX}`, JSON.stringify(jwk), 0o644);
    // The pointer moves last: a crash before it leaves the old key current and the new one unused.
    this.write('current', jwk.kid, 0o644);
    if (previous) rmSync(join(this.dir, `${previous.kid}.private.jwk.json`), { force: true });
    this.signer = new LocalSigner(jwk.kid, privateKey, jwk);
    return this.signer;
  }

  async retire(kid: string): Promise<void> {
    if (kid === (await this.current()).kid) throw new Error('the current signing key cannot be retired');
    if (!KID.test(kid)) throw new Error(`not a key id: ${kid}`);
    rmSync(join(this.dir, `${kid}${PUBLIC_SUFFIX}`), { force: true });
  }

  async jwks(): Promise<JwkSet> {
    await this.current();
    const files = readdirSync(this.dir).filter((f) => f.endsWith(PUBLIC_SUFFIX));
    return { keys: files.sort().map((f) => this.readJson<PublicJwk>(f)) };
  }

  private readJson<T>(file: string): T {
    return JSON.parse(readFileSync(join(this.dir, file), 'utf8')) as T;
  }

  private write(file: string, content: string, mode: number): void {
    const path = join(this.dir, file);
    writeFileSync(path, content, { mode });
    // writeFileSync's mode applies only when it creates the file; a rewrite keeps the old bits.
    chmodSync(path, mode);
  }
}
