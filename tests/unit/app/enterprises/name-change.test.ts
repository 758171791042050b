/**
 * Filing the corrected name on the memory ports: the owner's reservation becomes the enterprise's name in
 * one write (reservation consumed, lock handed over, old lock `changed`, enterprise.changed at the next
 * sequence), the index follows, the license-reissue workflow starts, and its task makes version 2 under
 * the new name with version 1 revoked. Every refusal, and a repeated filing, on the way.
 */
import { describe, expect, it } from 'vitest';
import { disclose, orderNameCorrection } from '#app/enterprises/enterprises';
import { fileCorrectedName } from '#app/enterprises/name-change';
import { issueLicense } from '#app/license/issue';
import { reissueForChange } from '#app/license/reissue';
import { revokeLicense } from '#app/license/revoke';
import { verifyCredential } from '#app/license/verify';
import { applyRules, checkName } from '#app/names/check-name';
import { indexReservedName } from '#app/names/reservation-lifecycle';
import { searchNames } from '#app/names/search-names';
import { LICENSE_REISSUE_WORKFLOW } from '#contract/workflows';
import { ConflictError, NotFoundError, RuleViolation } from '#domain/errors';
import { decodePart, licensePorts, registeredEnterprise } from '../license/support.ts';
import { alice, bob, DAY, examiner, NAME, reserve, type TestPorts } from '../support.ts';

const NEW_NAME = '深圳市碧澜咨询有限公司';

async function ordered() {
  const ports = licensePorts();
  const { registrationId, creditCode } = await registeredEnterprise(ports);
  await issueLicense(ports, registrationId, creditCode);
  await orderNameCorrection(ports, examiner, creditCode, '名称含有误导性内容');
  const reservation = await reserve(ports, alice, NEW_NAME);
  return { ports, creditCode, reservation };
}

const events = (ports: TestPorts, code: string) =>
  ports.enterprises.outbox(code).map((e) => `${e.seq}:${e.type}`);
const licensedName = (jws: string) => (decodePart(jws, 1).credentialSubject as { name: string }).name;

describe('fileCorrectedName', () => {
  it('changes the name, consumes the reservation, tells the departments and starts the reissue', async () => {
    const { ports, creditCode, reservation } = await ordered();
    const answer = await fileCorrectedName(ports, alice, creditCode, reservation.id);
    expect(answer).toMatchObject({
      creditCode,
      name: NEW_NAME,
      formerName: NAME,
      nameCorrectionPending: false,
      licenseReissue: 'started',
    });
    expect(await disclose(ports, creditCode)).toMatchObject({ name: NEW_NAME, nameCorrectionPending: false });
    const enterprise = (await ports.enterprises.get(creditCode))!;
    expect(enterprise).toMatchObject({ name: NEW_NAME, eventSeq: 3 });
    expect(enterprise.nameCorrection).toMatchObject({
      correctedAt: ports.clock.now().toISOString(),
      formerName: NAME,
      reservationId: reservation.id,
    });
    expect((await ports.reservations.get(reservation.id))?.status).toBe('consumed');

    expect(events(ports, creditCode)).toEqual([
      '1:enterprise.registered',
      '2:license.issued',
      '3:enterprise.changed',
    ]);
    expect(ports.enterprises.outbox(creditCode)[2]!.data).toEqual({
      creditCode,
      name: NEW_NAME,
      entityType: 'limited_liability_company',
      registrationAuthority: '440305',
      establishedOn: enterprise.establishedOn,
      changedOn: '2026-03-16',
      changedFields: ['name'],
    });

    expect(ports.reservations.holders(reservation.lock)).toEqual([
      expect.objectContaining({ kind: 'enterprise', id: creditCode, name: NEW_NAME, status: 'registered' }),
    ]);
    expect(ports.reservations.holders(applyRules(NAME, '440305').key)).toEqual([
      expect.objectContaining({ id: creditCode, name: NAME, status: 'changed', endedOn: '2026-03-16' }),
    ]);

    expect(ports.workflows.startsOf(LICENSE_REISSUE_WORKFLOW.name)).toEqual([
      {
        workflow: 'license-reissue',
        executionName: `license-reissue--${creditCode}--${reservation.id}`,
        input: { creditCode, reason: 'name corrected' },
      },
    ]);
  });

  it('shows the new name in the public search and keeps the old one out of it', async () => {
    const { ports, creditCode, reservation } = await ordered();
    await fileCorrectedName(ports, alice, creditCode, reservation.id);
    const found = (await searchNames(ports, '碧澜', 20, undefined)).items;
    expect(found.map((m) => [m.name, m.status, m.creditCode])).toEqual([
      [NEW_NAME, 'registered', creditCode],
    ]);
    expect((await searchNames(ports, '青云', 20, undefined)).items).toEqual([]);
  });

  it('refuses the old name, identical, for a year from the change, then no longer says why', async () => {
    const { ports, creditCode, reservation } = await ordered();
    await fileCorrectedName(ports, alice, creditCode, reservation.id);
    const identical = (await checkName(ports, NAME, '440305')).findings.filter((f) => f.severity === 'block');
    expect(identical).toEqual([
      expect.objectContaining({ conflictsWith: expect.objectContaining({ name: NAME, status: 'changed' }) }),
    ]);
    const taken = reserve(ports, bob, NAME);
    await expect(taken).rejects.toBeInstanceOf(ConflictError);
    await expect(taken).rejects.toMatchObject({
      details: {
        findings: [
          expect.objectContaining({ conflictsWith: expect.objectContaining({ status: 'changed' }) }),
        ],
      },
    });
    ports.clock.advance(367 * DAY);
    const later = (await checkName(ports, NAME, '440305')).findings.filter(
      (f) => f.conflictsWith?.name === NAME,
    );
    expect(later.filter((f) => f.severity === 'block')).toEqual([]);
  });

  it('reissues the license under the new name: version 2 active, version 1 revoked, once', async () => {
    const { ports, creditCode, reservation } = await ordered();
    await fileCorrectedName(ports, alice, creditCode, reservation.id);
    const reissued = await reissueForChange(ports, creditCode, 'name corrected');
    expect(reissued).toMatchObject({ version: 2, created: true });
    expect(await reissueForChange(ports, creditCode, 'name corrected')).toMatchObject({
      version: 2,
      created: false,
    });
    const [v1, v2, ...more] = ports.licenses.versions(creditCode);
    expect(more).toEqual([]);
    expect(v1).toMatchObject({ status: 'revoked', revocationReason: 'reissued: name corrected' });
    expect(v2).toMatchObject({ status: 'active', reason: 'name corrected' });
    expect(licensedName(v1!.credential)).toBe(NAME);
    expect(licensedName(v2!.credential)).toBe(NEW_NAME);
    expect(await verifyCredential(ports, v2!.credential)).toMatchObject({ valid: true, status: 'active' });
    expect(await verifyCredential(ports, v1!.credential)).toMatchObject({ valid: false, status: 'revoked' });
    expect(events(ports, creditCode).slice(2)).toEqual([
      '3:enterprise.changed',
      '4:license.revoked',
      '5:license.issued',
    ]);
  });

  it('does not reissue a license revoked meanwhile, and waits for a first license not issued yet', async () => {
    const { ports, creditCode, reservation } = await ordered();
    await fileCorrectedName(ports, alice, creditCode, reservation.id);
    await revokeLicense(ports, creditCode, 'deregistered');
    expect(await reissueForChange(ports, creditCode, 'name corrected')).toMatchObject({ skipped: 'revoked' });
    expect(ports.licenses.versions(creditCode)).toHaveLength(1);

    const fresh = licensePorts();
    const { creditCode: unlicensed } = await registeredEnterprise(fresh);
    await expect(reissueForChange(fresh, unlicensed, 'name corrected')).rejects.toMatchObject({
      name: 'LicenseNotYetIssued',
    });
  });

  it('reads again when another event takes the sequence meanwhile, and writes the change after it', async () => {
    const { ports, creditCode, reservation } = await ordered();
    const changeName = ports.enterprises.changeName.bind(ports.enterprises);
    let raced = false;
    ports.enterprises.changeName = async (change) => {
      if (!raced) {
        raced = true;
        await revokeLicense(ports, creditCode, 'a concurrent revocation');
      }
      return changeName(change);
    };
    await fileCorrectedName(ports, alice, creditCode, reservation.id);
    expect(events(ports, creditCode)).toEqual([
      '1:enterprise.registered',
      '2:license.issued',
      '3:license.revoked',
      '4:enterprise.changed',
    ]);
  });

  it('converges on a repeated filing: one change, one event, the same answer', async () => {
    const { ports, creditCode, reservation } = await ordered();
    const first = await fileCorrectedName(ports, alice, creditCode, reservation.id);
    const again = await fileCorrectedName(ports, alice, creditCode, reservation.id);
    expect(again).toEqual(first);
    expect(events(ports, creditCode)).toHaveLength(3);
    expect(ports.workflows.startsOf(LICENSE_REISSUE_WORKFLOW.name)).toHaveLength(1);
  });

  it('answers 404 for an enterprise or a reservation that is not the caller’s', async () => {
    const { ports, creditCode, reservation } = await ordered();
    await expect(fileCorrectedName(ports, bob, creditCode, reservation.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const bobs = await reserve(ports, bob, '深圳市碧波咨询有限公司');
    await expect(fileCorrectedName(ports, alice, creditCode, bobs.id)).rejects.toMatchObject({
      message: 'reservation was not found',
    });
    expect((await ports.enterprises.get(creditCode))?.name).toBe(NAME);
  });

  it('answers 409 with no correction ordered, or a reservation no longer reserved', async () => {
    const ports = licensePorts();
    const { creditCode } = await registeredEnterprise(ports);
    const reservation = await reserve(ports, alice, NEW_NAME);
    await expect(fileCorrectedName(ports, alice, creditCode, reservation.id)).rejects.toMatchObject({
      code: 'no-correction-ordered',
    });
    await orderNameCorrection(ports, examiner, creditCode, '名称不当');
    await ports.reservations.settle(reservation, 'released', ports.clock.now());
    await expect(fileCorrectedName(ports, alice, creditCode, reservation.id)).rejects.toMatchObject({
      code: 'reservation-not-reserved',
    });
    expect(events(ports, creditCode)).toEqual(['1:enterprise.registered']);
  });

  it('answers 409 for a reservation past its period that its late workflow still shows reserved', async () => {
    const { ports, creditCode, reservation } = await ordered();
    ports.clock.set(reservation.expiresAt);
    const filing = fileCorrectedName(ports, alice, creditCode, reservation.id);
    await expect(filing).rejects.toBeInstanceOf(ConflictError);
    await expect(filing).rejects.toMatchObject({
      code: 'reservation-not-reserved',
      message: expect.stringContaining('expired'),
    });
    expect((await ports.enterprises.get(creditCode))?.name).toBe(NAME);
    expect((await ports.reservations.get(reservation.id))?.status).toBe('reserved');
    expect(events(ports, creditCode)).toEqual(['1:enterprise.registered', '2:license.issued']);
  });

  it('answers 422 name-similar for a name the rules find similar, which at registration an examiner would see', async () => {
    const { ports, creditCode, reservation } = await ordered();
    const homophone = await reserve(ports, bob, '深圳市碧兰咨询有限公司');
    await indexReservedName(ports, homophone.id);
    const filing = fileCorrectedName(ports, alice, creditCode, reservation.id);
    await expect(filing).rejects.toBeInstanceOf(RuleViolation);
    await expect(filing).rejects.toMatchObject({
      code: 'name-unfit',
      details: {
        reasons: [expect.objectContaining({ code: 'name-similar', path: 'body.reservationId' })],
        findings: [
          expect.objectContaining({
            severity: 'warn',
            conflictsWith: expect.objectContaining({ name: '深圳市碧兰咨询有限公司' }),
          }),
        ],
      },
    });
    expect((await ports.enterprises.get(creditCode))?.name).toBe(NAME);
    expect((await ports.reservations.get(reservation.id))?.status).toBe('reserved');
    expect(events(ports, creditCode)).toEqual(['1:enterprise.registered', '2:license.issued']);
  });

  it('does not hold the enterprise’s own names or the reservation itself against the filed name', async () => {
    const { ports, creditCode, reservation } = await ordered();
    await indexReservedName(ports, reservation.id);
    const similarToOwn = await reserve(ports, alice, '深圳市轻云科技有限公司');
    await indexReservedName(ports, similarToOwn.id);
    await ports.reservations.settle(reservation, 'released', ports.clock.now());
    // To anyone else, the reservation is identical and the enterprise's own name (shown by code) similar.
    expect((await checkName(ports, '深圳市轻云科技有限公司', '440305')).findings).toEqual([
      expect.objectContaining({
        severity: 'block',
        conflictsWith: expect.objectContaining({ status: 'reserved' }),
      }),
      expect.objectContaining({ severity: 'warn', conflictsWith: expect.objectContaining({ creditCode }) }),
    ]);
    expect(await fileCorrectedName(ports, alice, creditCode, similarToOwn.id)).toMatchObject({
      name: '深圳市轻云科技有限公司',
      formerName: NAME,
    });
  });

  it('answers 422 for a name reserved at another authority or for another entity type', async () => {
    const { ports, creditCode } = await ordered();
    const { reserveName } = await import('#app/names/reservations');
    const elsewhere = await reserveName(ports, alice, {
      name: '北京市碧澜咨询有限公司',
      division: '110105',
      entityType: 'limited_liability_company',
      preApprovalRequired: false,
    });
    const filing = fileCorrectedName(ports, alice, creditCode, elsewhere.id);
    await expect(filing).rejects.toBeInstanceOf(RuleViolation);
    await expect(filing).rejects.toMatchObject({
      details: { reasons: [expect.objectContaining({ code: 'other-authority' })] },
    });
  });
});
