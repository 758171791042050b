import { describe, expect, it } from 'vitest';
import {
  buildLicenseCredential,
  licenseCredentialSchema,
  nextLicenseVersion,
} from '#domain/license/credential';
import { businessTermText, capitalText, licenseFieldsSchema } from '#domain/license/fields';
import { signingInput, signJws, signVcJwt, vcJwtHeader } from '#domain/license/jws';
import { BASE_URL, FIELDS, issue } from './fixtures.ts';

describe('the license credential (VC 2.0)', () => {
  it('carries the VC 2.0 context and types, the issuer and the revocation entry', () => {
    const vc = buildLicenseCredential(issue({ version: 2, statusIndex: 7 }));
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vc.type).toEqual(['VerifiableCredential', 'BusinessLicenseCredential']);
    expect(vc.issuer).toBe(BASE_URL);
    expect(vc.id).toBe(`${BASE_URL}/v1/licenses/91110108MA01C3RQ6Q/versions/2`);
    expect(vc.validFrom).toBe('2026-11-20T02:00:00.000Z');
    expect(vc.validUntil).toBeUndefined();
    expect(vc.credentialSubject).toMatchObject({ ...FIELDS, type: 'BusinessLicense', licenseVersion: 2 });
    expect(vc.credentialStatus).toEqual({
      id: `${BASE_URL}/v1/licenses/status-lists/rev-1#7`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '7',
      statusListCredential: `${BASE_URL}/v1/licenses/status-lists/rev-1`,
    });
  });

  it('sets validUntil for a fixed business term, and trims a trailing slash of the base URL', () => {
    const vc = buildLicenseCredential(
      issue({ baseUrl: `${BASE_URL}/`, validUntil: new Date('2046-11-19T16:00:00Z') }),
    );
    expect(vc.validUntil).toBe('2046-11-19T16:00:00.000Z');
    expect(vc.issuer).toBe(BASE_URL);
  });

  it('holds no identity number: an extra field is refused', () => {
    const withId = { ...FIELDS, legalRepresentativeIdNumber: '110101199003074477' };
    expect(licenseFieldsSchema.safeParse(withId).success).toBe(false);
    const vc = buildLicenseCredential(issue());
    expect(JSON.stringify(vc)).not.toMatch(/idNumber/);
  });

  it('refuses a credit code whose check character is wrong', () => {
    expect(() =>
      buildLicenseCredential(issue({ fields: { ...FIELDS, creditCode: '91110108MA01C3RQ6R' } })),
    ).toThrow(/credit code/i);
  });

  it('numbers versions for reissue', () => {
    expect(nextLicenseVersion()).toBe(1);
    expect(nextLicenseVersion({ version: 3 })).toBe(4);
  });

  it('prints a 长期 term and a CNY capital in plain words', () => {
    expect(businessTermText({ from: '2026-11-20' })).toBe('2026年11月20日 至 长期');
    expect(businessTermText({ from: '2026-11-20', to: '2046-11-19' })).toBe(
      '2026年11月20日 至 2046年11月19日',
    );
    expect(capitalText({ amount: '1000000', currency: 'CNY' })).toBe('1000000元人民币');
    expect(capitalText(undefined)).toBe('—');
  });
});

describe('vc+jwt composition', () => {
  it('puts alg ES256, typ vc+jwt, cty vc and the kid in the header, and the credential as the payload', async () => {
    const vc = buildLicenseCredential(issue());
    const signed: Uint8Array[] = [];
    const key = {
      kid: 'k1',
      sign: async (input: Uint8Array) => {
        signed.push(input);
        return new Uint8Array(64).fill(7);
      },
    };
    const jws = await signVcJwt(key, vc);
    const [header, payload, signature] = jws.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual(vcJwtHeader('k1'));
    expect(licenseCredentialSchema.parse(JSON.parse(Buffer.from(payload!, 'base64url').toString()))).toEqual(
      vc,
    );
    expect(Buffer.from(signature!, 'base64url')).toEqual(Buffer.alloc(64, 7));
    expect(new TextDecoder().decode(signed[0])).toBe(signingInput(vcJwtHeader('k1'), vc));
  });

  it('refuses a signature that is not 64 bytes (a DER one slipped through)', async () => {
    const key = { kid: 'k1', sign: async () => new Uint8Array(71) };
    await expect(signVcJwt(key, {})).rejects.toThrow(/64 bytes/);
  });
});

describe('signJws', () => {
  it('signs any payload as ES256 with the kid, keeping the caller’s typ', async () => {
    const key = { kid: 'k9', sign: async () => new Uint8Array(64) };
    const jws = await signJws(key, { typ: 'application/cloudevents+json', alg: 'none' }, { id: 'e1' });
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString());
    expect(header).toEqual({ typ: 'application/cloudevents+json', alg: 'ES256', kid: 'k9' });
  });
});
