import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, compactVerify, createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { LocalKeyring } from '#adapters/signer-local';
import { signVcJwt } from '#domain/license/jws';
import { tempDir } from './fixtures.ts';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('local keyring', () => {
  it('creates a P-256 key on first use, the private key file readable by its owner only', async () => {
    const dir = join(tempDir(), 'keys');
    const signer = await new LocalKeyring(dir).current();
    expect(mode(join(dir, `${signer.kid}.private.jwk.json`))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    const jwk = await signer.publicJwk();
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: signer.kid });
    expect(jwk).not.toHaveProperty('d');
    expect(signer.kid).toBe(await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }));
  });

  it('keeps the same key across restarts', async () => {
    const dir = join(tempDir(), 'keys');
    const first = await new LocalKeyring(dir).current();
    const again = await new LocalKeyring(dir).current();
    expect(again.kid).toBe(first.kid);
    const jws = await signVcJwt(again, { n: 1 });
    const jwks = createLocalJWKSet(await new LocalKeyring(dir).jwks());
    await expect(compactVerify(jws, jwks)).resolves.toBeTruthy();
  });

  it('rotates: a new signing key, the old private key destroyed, the old public key still published', async () => {
    const dir = join(tempDir(), 'keys');
    const keyring = new LocalKeyring(dir);
    const old = await keyring.current();
    const oldJws = await signVcJwt(old, { v: 'old' });
    const next = await keyring.rotate();
    expect(next.kid).not.toBe(old.kid);
    expect((await keyring.current()).kid).toBe(next.kid);
    expect(existsSync(join(dir, `${old.kid}.private.jwk.json`))).toBe(false);
    expect(readFileSync(join(dir, 'current'), 'utf8')).toBe(next.kid);

    const jwks = await new LocalKeyring(dir).jwks();
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual([old.kid, next.kid].sort());
    const { protectedHeader } = await compactVerify(oldJws, createLocalJWKSet(jwks));
    expect(protectedHeader.kid).toBe(old.kid);
    expect(readdirSync(dir).filter((f) => f.includes('private'))).toEqual([`${next.kid}.private.jwk.json`]);
  });

  it('retires an old key from the JWKS, never the current one', async () => {
    const keyring = new LocalKeyring(join(tempDir(), 'keys'));
    const old = await keyring.current();
    const next = await keyring.rotate();
    await keyring.retire(old.kid);
    expect((await keyring.jwks()).keys.map((k) => k.kid)).toEqual([next.kid]);
    await expect(keyring.retire(next.kid)).rejects.toThrow(/current signing key/);
    await expect(keyring.retire('../current')).rejects.toThrow(/not a key id/);
  });
});
