import { describe, expect, it } from 'vitest';
import { issueLicense, LicenseNotIssuable, reissueLicense } from '#app/license/issue';
import { getLicense } from '#app/license/read';
import { revokeLicense } from '#app/license/revoke';
import { verifyCredential } from '#app/license/verify';
import { registrationView } from '#app/registration/follow';
import { ConflictError, NotFoundError } from '#domain/errors';
import { licenseCredentialSchema } from '#domain/license/credential';
import { decodePart, licensePorts, registeredEnterprise } from './support.ts';

const events = (ports: ReturnType<typeof licensePorts>, code: string) =>
  ports.enterprises.outbox(code).map((e) => `${e.seq}:${e.type}`);

describe('issueLicense', () => {
  it('signs a VC 2.0 vc+jwt, stores the PDF with its SHA-256, takes a slot, and writes license.issued with it', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    expect(
      registrationView((await ports.registrations.get(registrationId))!, ports.licensing).licenseUrl,
    ).toBeUndefined();

    const issued = await issueLicense(ports, registrationId, creditCode);
    expect(issued).toEqual({ creditCode, version: 1, statusListId: '1', statusIndex: 0, created: true });
    const [license] = ports.licenses.versions(creditCode);
    expect(decodePart(license!.credential, 0)).toEqual({
      alg: 'ES256',
      typ: 'vc+jwt',
      cty: 'vc',
      kid: (await ports.keyring.current()).kid,
    });
    const credential = licenseCredentialSchema.parse(decodePart(license!.credential, 1));
    expect(credential.credentialSubject).toMatchObject({
      creditCode,
      licenseVersion: 1,
      registrationAuthority: '深圳市南山区市场监督管理局',
    });
    expect(JSON.stringify(credential)).not.toMatch(/idNumber|idHash/);
    expect(credential.credentialStatus.statusListCredential).toBe(
      'https://license.registry.test/v1/licenses/status-lists/1',
    );
    const pdf = await ports.licenseDocuments.get(creditCode, 1);
    expect(license!.pdf).toMatchObject({ key: `licenses/${creditCode}/1.pdf`, size: pdf!.byteLength });
    expect(new TextDecoder().decode(pdf)).toContain(
      `https://license.registry.test/v1/licenses/${creditCode}`,
    );
    expect(events(ports, creditCode)).toEqual(['1:enterprise.registered', '2:license.issued']);
    expect(ports.enterprises.outbox(creditCode)[1]!.data).toMatchObject({
      licenseVersion: 1,
      statusListIndex: 0,
    });
    expect(registrationView((await ports.registrations.get(registrationId))!, ports.licensing)).toMatchObject(
      {
        licenseUrl: `https://license.registry.test/v1/licenses/${creditCode}`,
        licenseVersion: 1,
      },
    );
    expect(ports.registry.notices.get(`license.issued:${creditCode}:1`)).toMatchObject({ ownerSub: 'alice' });
    expect(await verifyCredential(ports, license!.credential)).toMatchObject({
      valid: true,
      status: 'active',
    });
  });

  it('is retry-safe: a crash after the claim, a repeat, and a second run make one license, one slot, one event', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    // A first attempt that died after claiming its slot.
    const claim = await ports.licenses.claimIssuance(creditCode, 1, ports.clock.now());
    ports.clock.advance(60_000);
    const first = await issueLicense(ports, registrationId, creditCode);
    const again = await issueLicense(ports, registrationId, creditCode);
    expect(first).toMatchObject({ statusIndex: claim.statusIndex, created: true });
    expect(again).toMatchObject({ version: 1, statusIndex: claim.statusIndex, created: false });
    expect(ports.licenses.versions(creditCode)[0]!.issuedAt).toBe(claim.issuedAt);
    expect(ports.licenses.allocated()).toBe(1);
    expect(events(ports, creditCode)).toEqual(['1:enterprise.registered', '2:license.issued']);
  });

  it('reads the event sequence again when another event took it meanwhile', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    const issue = ports.licenses.issue.bind(ports.licenses);
    let raced = false;
    ports.licenses.issue = async (plan) => {
      if (!raced) {
        raced = true;
        ports.registry.enterprises.get(creditCode)!.eventSeq = 2; // another event came first
        ports.registry.outbox
          .get(creditCode)!
          .push({ ...ports.enterprises.outbox(creditCode)[0]!, seq: 2, type: 'enterprise.changed' });
      }
      return issue(plan);
    };
    await issueLicense(ports, registrationId, creditCode);
    expect(events(ports, creditCode)).toEqual([
      '1:enterprise.registered',
      '2:enterprise.changed',
      '3:license.issued',
    ]);
  });

  it('refuses a registration that is not registered, naming why', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    await expect(issueLicense(ports, registrationId, '91440305MA5G00001X')).rejects.toThrow(
      LicenseNotIssuable,
    );
    expect(ports.licenses.versions(creditCode)).toEqual([]);
  });
});

describe('reissueLicense', () => {
  it('makes version 2 and revokes version 1 in the same write; the old copy verifies as revoked', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    await issueLicense(ports, registrationId, creditCode);
    const v1 = (await getLicense(ports, creditCode)).credential;
    ports.registry.enterprises.get(creditCode)!.name = '深圳市青云信息科技有限公司';

    const v2 = await reissueLicense(ports, creditCode, 'name-correction', { replacing: 1 });
    expect(v2).toMatchObject({ version: 2, created: true });
    expect(await reissueLicense(ports, creditCode, 'name-correction', { replacing: 1 })).toMatchObject({
      version: 2,
      created: false,
    });
    expect(ports.licenses.versions(creditCode).map((l) => `${l.version}:${l.status}`)).toEqual([
      '1:revoked',
      '2:active',
    ]);
    expect(events(ports, creditCode)).toEqual([
      '1:enterprise.registered',
      '2:license.issued',
      '3:license.revoked',
      '4:license.issued',
    ]);
    const current = await getLicense(ports, creditCode);
    expect(decodePart(current.credential, 1)).toMatchObject({
      credentialSubject: { name: '深圳市青云信息科技有限公司', licenseVersion: 2 },
    });
    expect(await verifyCredential(ports, v1)).toMatchObject({ valid: false, status: 'revoked' });
    expect(await verifyCredential(ports, current.credential)).toMatchObject({
      valid: true,
      status: 'active',
    });
    expect(
      registrationView((await ports.registrations.get(registrationId))!, ports.licensing).licenseVersion,
    ).toBe(2);
  });

  it('refuses without a license, and after a revocation', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    await expect(reissueLicense(ports, creditCode, 'x')).rejects.toThrow(NotFoundError);
    await issueLicense(ports, registrationId, creditCode);
    await revokeLicense(ports, creditCode, 'deregistered');
    await expect(reissueLicense(ports, creditCode, 'x')).rejects.toThrow(ConflictError);
  });
});

describe('key rotation', () => {
  it('keeps a license signed by a rotated-out key verifying while the key is published', async () => {
    const ports = licensePorts();
    const { registrationId, creditCode } = await registeredEnterprise(ports);
    await issueLicense(ports, registrationId, creditCode);
    const { credential, kid } = await getLicense(ports, creditCode);
    const next = await ports.keyring.rotate();
    expect(next.kid).not.toBe(kid);
    expect((await ports.keyring.jwks()).keys.map((k) => k.kid)).toEqual(
      expect.arrayContaining([kid, next.kid]),
    );
    expect(await verifyCredential(ports, credential)).toMatchObject({ valid: true, status: 'active' });
    await ports.keyring.retire(kid);
    expect(await verifyCredential(ports, credential)).toMatchObject({
      valid: false,
      status: 'unknown',
      checks: { issuer: { code: 'unknown-key' } },
    });
  });
});
