/**
 * The license-reissue workflow in-process on the memory ports: the owner's corrected name starts it, its
 * one task makes version 2 under the new name and revokes version 1; a signing outage ends it as
 * LicenseNotReissued for an operator, the name change standing and version 1 still active.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { orderNameCorrection } from '#app/enterprises/enterprises';
import { fileCorrectedName } from '#app/enterprises/name-change';
import { licenseReissueExecutionName } from '#contract/executions';
import { applicant, examiner, registrationOf, reserve, submit, uniqueName } from './actors.ts';
import { ScenarioHarness, statesEntered } from './harness.ts';

let h: ScenarioHarness;
afterEach(() => h?.dispose());

async function correctedName() {
  h = await ScenarioHarness.create({ waitMs: 3_600_000 });
  const s = await submit(h);
  await h.ended(s.executionName);
  const code = (await registrationOf(h, s.registration.id)).creditCode!;
  await orderNameCorrection(h.ports, examiner, code, '名称含有误导性内容');
  const name = uniqueName();
  const reservation = await reserve(h, name);
  await fileCorrectedName(h.ports, applicant, code, reservation.id);
  return { code, name, execution: licenseReissueExecutionName(code, reservation.id) };
}

const eventTypes = (code: string) => h.ports.enterprises.outbox(code).map((e) => `${e.seq}:${e.type}`);

describe('license reissue after a corrected name', () => {
  it('issues version 2 under the new name and revokes version 1, in that order in the outbox', async () => {
    const { code, execution } = await correctedName();
    const ended = await h.ended(execution);
    expect(ended.status).toBe('SUCCEEDED');
    expect(statesEntered(ended)).toEqual(['ReissueLicense']);
    expect(ended.output).toMatchObject({ license: { creditCode: code, version: 2, created: true } });
    expect(h.ports.licenses.versions(code).map((l) => `${l.version}:${l.status}`)).toEqual([
      '1:revoked',
      '2:active',
    ]);
    expect(eventTypes(code)).toEqual([
      '1:enterprise.registered',
      '2:license.issued',
      '3:enterprise.changed',
      '4:license.revoked',
      '5:license.issued',
    ]);
  });

  it('ends as LicenseNotReissued when signing keeps failing; the new name stands, version 1 stays active', async () => {
    h = await ScenarioHarness.create({ waitMs: 3_600_000 });
    const s = await submit(h);
    await h.ended(s.executionName);
    const code = (await registrationOf(h, s.registration.id)).creditCode!;
    await orderNameCorrection(h.ports, examiner, code, '名称不当');
    const reservation = await reserve(h, uniqueName());
    h.ports.keyring.current = async () => {
      throw new Error('the signing key is unavailable');
    };
    await fileCorrectedName(h.ports, applicant, code, reservation.id);
    const ended = await h.ended(licenseReissueExecutionName(code, reservation.id));
    expect(ended.status).toBe('FAILED');
    expect(ended.error?.error).toBe('LicenseNotReissued');
    expect((await h.ports.enterprises.get(code))?.name).toBe(reservation.name);
    expect(h.ports.licenses.versions(code).map((l) => `${l.version}:${l.status}`)).toEqual(['1:active']);
  });
});
