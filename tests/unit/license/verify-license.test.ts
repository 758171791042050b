import { createHmac, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { statusListUrl } from '#domain/license/credential';
import { signingInput, signVcJwt } from '#domain/license/jws';
import { buildStatusListCredential, emptyStatusList, setStatusBit } from '#domain/license/status-list';
import type { JwkSet, Signer } from '#ports/signer';
import { NotAJwsError, verifyLicense } from '../../../functions/verifier/index.ts';
import {
  BASE_URL,
  decodePart,
  encodeJson,
  FIELDS,
  ISSUED_AT,
  LIST_ID,
  NOW,
  newKeyring,
  signLicense,
  signStatusList,
  withPart,
} from './fixtures.ts';

let signer: Signer;
let jwks: JwkSet;
let statusList: string;
const REVOKED = 99;

beforeAll(async () => {
  const keyring = newKeyring();
  signer = await keyring.current();
  jwks = await keyring.jwks();
  statusList = await signStatusList(signer, [REVOKED]);
});

const verify = (jws: unknown, overrides = {}) =>
  verifyLicense(jws, { jwks, statusList, now: NOW, ...overrides });

describe('verifyLicense: a sound license', () => {
  it('is valid and active, with every check passed and the credential returned', async () => {
    const verdict = await verify(await signLicense(signer));
    expect(verdict).toMatchObject({ valid: true, status: 'active' });
    expect(Object.values(verdict.checks).every((c) => c.ok)).toBe(true);
    expect(verdict.credential?.credentialSubject.name).toBe(FIELDS.name);
  });

  it('says revoked in plain words when its bit is set', async () => {
    const verdict = await verify(await signLicense(signer, { statusIndex: REVOKED }));
    expect(verdict.valid).toBe(false);
    expect(verdict.status).toBe('revoked');
    expect(verdict.checks.integrity.ok).toBe(true);
    expect(verdict.checks.status).toMatchObject({
      ok: false,
      code: 'revoked',
      reason: expect.stringMatching(/revoked/),
    });
  });

  it('accepts the status list already decoded, from the registry’s own store', async () => {
    const bits = setStatusBit(emptyStatusList(), REVOKED);
    const list = buildStatusListCredential({
      url: statusListUrl(BASE_URL, LIST_ID),
      issuer: BASE_URL,
      bits,
      validFrom: ISSUED_AT,
    });
    expect(
      (await verify(await signLicense(signer, { statusIndex: REVOKED }), { statusList: list })).status,
    ).toBe('revoked');
    expect((await verify(await signLicense(signer), { statusList: list })).valid).toBe(true);
  });
});

describe('verifyLicense: tampering is caught and named', () => {
  it.each(Object.keys(FIELDS))('a changed %s breaks integrity', async (field) => {
    const jws = await signLicense(signer);
    const payload = decodePart(jws, 1) as { credentialSubject: Record<string, unknown> };
    payload.credentialSubject[field] =
      field === 'businessScope' ? ['武器销售'] : `${JSON.stringify(payload.credentialSubject[field])}x`;
    const verdict = await verify(withPart(jws, 1, encodeJson(payload)));
    expect(verdict.valid).toBe(false);
    expect(verdict.checks.integrity).toMatchObject({ ok: false, code: 'bad-signature' });
    expect(verdict.status).toBe('unknown');
  });

  it('a revoked license moved to another status slot breaks integrity', async () => {
    const jws = await signLicense(signer, { statusIndex: REVOKED });
    const payload = decodePart(jws, 1) as { credentialStatus: { statusListIndex: string } };
    payload.credentialStatus.statusListIndex = '100';
    expect((await verify(withPart(jws, 1, encodeJson(payload)))).checks.integrity.code).toBe('bad-signature');
  });

  it('a flipped signature byte breaks integrity', async () => {
    const jws = await signLicense(signer);
    const signature = Buffer.from(jws.split('.')[2]!, 'base64url');
    signature[10] = signature[10]! ^ 0x01;
    const verdict = await verify(withPart(jws, 2, signature.toString('base64url')));
    expect(verdict.checks.integrity).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('a changed kid fails the issuer check', async () => {
    const jws = await signLicense(signer);
    const header = { ...decodePart(jws, 0), kid: 'someone-else' };
    const verdict = await verify(withPart(jws, 0, encodeJson(header)));
    expect(verdict.checks.issuer).toMatchObject({ ok: false, code: 'unknown-key' });
    expect(verdict.checks.integrity.code).toBe('not-checked');
    expect(verdict.valid).toBe(false);
  });

  it('a header that is not JSON fails integrity', async () => {
    const jws = await signLicense(signer);
    expect((await verify(withPart(jws, 0, 'bm90IGpzb24'))).checks.integrity.code).toBe('bad-header');
  });
});

describe('verifyLicense: forged and foreign signatures', () => {
  it('refuses alg none', async () => {
    const jws = await signLicense(signer);
    const header = { alg: 'none', typ: 'vc+jwt', kid: signer.kid };
    const verdict = await verify(`${encodeJson(header)}.${jws.split('.')[1]}.`);
    expect(verdict.valid).toBe(false);
    expect(verdict.checks.integrity).toMatchObject({ ok: false, code: 'bad-algorithm' });
  });

  it('refuses HS256 keyed with the published public key', async () => {
    const payload = decodePart(await signLicense(signer), 1);
    const header = { alg: 'HS256', typ: 'vc+jwt', cty: 'vc', kid: signer.kid };
    const input = signingInput(header, payload);
    const publicPem = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' }).export({
      format: 'pem',
      type: 'spki',
    });
    const mac = createHmac('sha256', publicPem).update(input).digest('base64url');
    const verdict = await verify(`${input}.${mac}`);
    expect(verdict.checks.integrity).toMatchObject({ ok: false, code: 'bad-algorithm' });
  });

  it('refuses a correctly signed JWS whose typ is not vc+jwt', async () => {
    const payload = decodePart(await signLicense(signer), 1);
    const input = signingInput({ alg: 'ES256', typ: 'JWT', kid: signer.kid }, payload);
    const jws = `${input}.${Buffer.from(await signer.sign(new TextEncoder().encode(input))).toString('base64url')}`;
    expect((await verify(jws)).checks.integrity).toMatchObject({ ok: false, code: 'bad-header' });
  });

  it('refuses a license from another issuer’s key', async () => {
    const stranger = await newKeyring().current();
    const verdict = await verify(await signLicense(stranger));
    expect(verdict.checks.issuer).toMatchObject({ ok: false, code: 'unknown-key' });
    expect(verdict.valid).toBe(false);
  });

  it('refuses a license naming another issuer when the expected issuer is given', async () => {
    const jws = await signLicense(signer, { baseUrl: 'https://elsewhere.example.com' });
    const verdict = await verify(jws, { issuer: BASE_URL });
    expect(verdict.checks.issuer).toMatchObject({ ok: false, code: 'wrong-issuer' });
  });

  it('refuses a signed payload that is not a license', async () => {
    const jws = await signVcJwt(signer, { '@context': ['https://www.w3.org/ns/credentials/v2'], hello: 1 });
    expect((await verify(jws)).checks.integrity).toMatchObject({ ok: false, code: 'bad-content' });
    expect((await verify(statusList)).checks.integrity.code).toBe('bad-content');
  });
});

describe('verifyLicense: time and status', () => {
  it('fails validity once expired, and before it takes effect', async () => {
    const expired = await verify(await signLicense(signer, { validUntil: new Date('2026-11-25T00:00:00Z') }));
    expect(expired.checks.validity).toMatchObject({ ok: false, code: 'expired' });
    expect(expired).toMatchObject({ valid: false, status: 'active' });
    const early = await verify(await signLicense(signer, { validFrom: new Date('2026-12-01T00:00:00Z') }));
    expect(early.checks.validity).toMatchObject({ ok: false, code: 'not-yet-valid' });
  });

  it('fails status for an index beyond the list', async () => {
    const verdict = await verify(await signLicense(signer, { statusIndex: 131_072 }));
    expect(verdict.checks.status).toMatchObject({ ok: false, code: 'index-out-of-range' });
    expect(verdict).toMatchObject({ valid: false, status: 'unknown' });
  });

  it('fails status for a list that is forged, tampered, another one, or stale', async () => {
    const jws = await signLicense(signer, { statusIndex: REVOKED });
    const forged = await signStatusList(await newKeyring().current());
    expect((await verify(jws, { statusList: forged })).checks.status.code).toBe('status-list-invalid');
    const payload = decodePart(statusList, 1) as { credentialSubject: { encodedList: string } };
    payload.credentialSubject.encodedList = (
      decodePart(forged, 1) as typeof payload
    ).credentialSubject.encodedList;
    const tampered = withPart(statusList, 1, encodeJson(payload));
    expect((await verify(jws, { statusList: tampered })).checks.status.code).toBe('status-list-invalid');
    const other = await signVcJwt(
      signer,
      buildStatusListCredential({
        url: statusListUrl(BASE_URL, 'rev-2'),
        issuer: BASE_URL,
        bits: emptyStatusList(),
        validFrom: ISSUED_AT,
      }),
    );
    expect((await verify(jws, { statusList: other })).checks.status.code).toBe('status-list-mismatch');
    const stale = await signStatusList(signer, [], new Date('2026-11-21T00:00:00Z'));
    expect((await verify(jws, { statusList: stale })).checks.status.code).toBe('status-list-expired');
  });
});

describe('verifyLicense: key rotation', () => {
  it('verifies a license signed by a rotated-out key while that key is published, and not after', async () => {
    const keyring = newKeyring();
    const old = await keyring.current();
    const license = await signLicense(old);
    const current = await keyring.rotate();
    const list = await signStatusList(current);
    const published = await verifyLicense(license, {
      jwks: await keyring.jwks(),
      statusList: list,
      now: NOW,
    });
    expect(published).toMatchObject({ valid: true, status: 'active' });
    await keyring.retire(old.kid);
    const retired = await verifyLicense(license, { jwks: await keyring.jwks(), statusList: list, now: NOW });
    expect(retired.checks.issuer).toMatchObject({ ok: false, code: 'unknown-key' });
  });
});

describe('verifyLicense: input that is not a JWS', () => {
  const inputs: [string, unknown][] = [
    ['a number', 42],
    ['null', null],
    ['an empty string', ''],
    ['one segment', 'abc'],
    ['two segments', 'a.b'],
    ['four segments', 'a.b.c.d'],
    ['characters outside base64url', 'ey!.ey.sig'],
    ['70,000 characters', `${'x'.repeat(70_000)}.e.s`],
  ];
  it.each(inputs)('throws NotAJwsError for %s', async (_label, input) => {
    await expect(verify(input)).rejects.toBeInstanceOf(NotAJwsError);
  });
});
