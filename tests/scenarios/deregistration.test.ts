/**
 * Simple deregistration, in-process: workflows/deregistration.asl.json on the in-memory ports, driven
 * through the use cases the API calls. An enterprise registered by the registration workflow files with
 * every investor's signature; the window passes (periods shortened to a second) or an objection ends it;
 * the owner confirms or the case lapses; a deregistered enterprise's license is revoked and the
 * departments' events are in its outbox in order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { confirmDeregistration, objectToDeregistration } from '#app/deregistration/actions';
import { fileDeregistration } from '#app/deregistration/filing';
import { deregistrationExecutionName } from '#contract/executions';
import { DEREGISTRATION_WORKFLOW } from '#contract/workflows';
import type { Caller } from '#domain/caller';
import { ConflictError, NotFoundError, RuleViolation } from '#domain/errors';
import { parseDuration } from '#domain/legal-time';
import { applicant, registrationOf, stranger, submit, uniqueName } from './actors.ts';
import { type HarnessOptions, ScenarioHarness, statesEntered } from './harness.ts';

let h: ScenarioHarness;
afterEach(() => h?.dispose());

const SHORT = { announcementPeriod: parseDuration('PT1S'), confirmationPeriod: parseDuration('PT1S') };
const department: Caller = { sub: 'tax-system', role: 'department', departmentCode: 'tax' };

/** An enterprise registered through the registration workflow, and its investors' names on record. */
async function registered(options: HarnessOptions = {}) {
  h = await ScenarioHarness.create({ waitMs: 3_600_000, ...options });
  const s = await submit(h, { name: uniqueName() });
  await h.ended(s.executionName);
  const record = await registrationOf(h, s.registration.id);
  const investors = (record.summary.investors as Array<{ name: string }>).map((i) => i.name);
  return { creditCode: record.creditCode!, investors };
}

const outboxTypes = (code: string) => h.ports.enterprises.outbox(code).map((e) => e.type);

describe('simple deregistration', () => {
  it('announces, lets the window pass, and deregisters: license revoked, departments told in order', async () => {
    const { creditCode, investors } = await registered({ settings: SHORT });
    const filed = await fileDeregistration(h.ports, applicant, {
      creditCode,
      commitment: { debtsSettled: true, signatories: investors },
    });
    expect(filed.status).toBe('checking');
    expect((await h.ports.enterprises.get(creditCode))?.status).toBe('deregistering');

    const execution = await h.ended(deregistrationExecutionName(filed.id));
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual(
      expect.arrayContaining(['CheckAndAnnounce', 'AwaitObjections', 'CloseWindow', 'Deregister']),
    );
    const done = (await h.ports.deregistrations.get(filed.id))!;
    expect(done.status).toBe('deregistered');
    expect(done.timeline.map((t) => `${t.step}:${t.status}`)).toEqual([
      'filing:received',
      'eligibility:passed',
      'commitment:recorded',
      'announcement:published',
      'announcement:closed',
      'confirmation:confirmed',
      'eligibility:confirmed',
      'license:revoked',
      'deregistration:deregistered',
    ]);
    expect((await h.ports.enterprises.get(creditCode))?.status).toBe('deregistered');
    expect((await h.ports.licenses.current(creditCode))?.status).toBe('revoked');
    expect(outboxTypes(creditCode)).toEqual([
      'enterprise.registered',
      'license.issued',
      'enterprise.deregistering',
      'license.revoked',
      'enterprise.deregistered',
    ]);

    // Started again from the beginning (a crash), the run finds the case done and changes nothing.
    h.start(DEREGISTRATION_WORKFLOW.name, `${deregistrationExecutionName(filed.id)}-again`, {
      deregistrationId: filed.id,
    });
    const again = await h.ended(`${deregistrationExecutionName(filed.id)}-again`);
    expect(again.status).toBe('SUCCEEDED');
    expect(statesEntered(again)).toEqual(['CheckAndAnnounce', 'Route', 'Done']);
    expect(outboxTypes(creditCode)).toHaveLength(5);
  });

  it('ends rejected on an objection, gives the enterprise back active, and lets it file again', async () => {
    const { creditCode, investors } = await registered();
    const filing = { creditCode, commitment: { debtsSettled: true, signatories: investors } };
    const filed = await fileDeregistration(h.ports, applicant, filing);
    await expect(fileDeregistration(h.ports, applicant, filing)).rejects.toBeInstanceOf(ConflictError);
    await h.entered(deregistrationExecutionName(filed.id), 'AwaitObjections');

    await objectToDeregistration(h.ports, department, filed.id, '该企业尚有未缴清的税款');
    const execution = await h.ended(deregistrationExecutionName(filed.id));
    expect(execution.status).toBe('SUCCEEDED');
    const ended = (await h.ports.deregistrations.get(filed.id))!;
    expect(ended.status).toBe('rejected');
    expect(ended.timeline.at(-1)).toMatchObject({ step: 'objection', status: 'received' });
    expect((await h.ports.enterprises.get(creditCode))?.status).toBe('active');
    expect((await h.ports.licenses.current(creditCode))?.status).toBe('active');

    const second = await fileDeregistration(h.ports, applicant, filing);
    expect(second.id).not.toBe(filed.id);
  });

  it('waits for the owner after the window when autoConfirm is false, then deregisters on confirmation', async () => {
    const { creditCode, investors } = await registered({
      settings: { announcementPeriod: parseDuration('PT1S'), confirmationPeriod: parseDuration('P20D') },
    });
    const filed = await fileDeregistration(h.ports, applicant, {
      creditCode,
      commitment: { debtsSettled: true, signatories: investors },
      autoConfirm: false,
    });
    await expect(confirmDeregistration(h.ports, applicant, filed.id)).rejects.toBeInstanceOf(ConflictError);
    h.ports.clock.advance(2_000);
    await h.entered(deregistrationExecutionName(filed.id), 'AwaitConfirmation');
    expect((await h.ports.deregistrations.get(filed.id))?.status).toBe('awaiting_confirmation');
    await expect(confirmDeregistration(h.ports, stranger, filed.id)).rejects.toBeInstanceOf(NotFoundError);
    await confirmDeregistration(h.ports, applicant, filed.id);
    expect((await h.ended(deregistrationExecutionName(filed.id))).status).toBe('SUCCEEDED');
    expect((await h.ports.deregistrations.get(filed.id))?.status).toBe('deregistered');
    expect((await h.ports.enterprises.get(creditCode))?.status).toBe('deregistered');
  });

  it('lapses when nobody applies in time, and the enterprise stays active', async () => {
    const { creditCode, investors } = await registered({ settings: SHORT });
    const filed = await fileDeregistration(h.ports, applicant, {
      creditCode,
      commitment: { debtsSettled: true, signatories: investors },
      autoConfirm: false,
    });
    h.ports.clock.advance(5_000);
    expect((await h.ended(deregistrationExecutionName(filed.id))).status).toBe('SUCCEEDED');
    expect((await h.ports.deregistrations.get(filed.id))?.status).toBe('lapsed');
    expect((await h.ports.enterprises.get(creditCode))?.status).toBe('active');
    expect(outboxTypes(creditCode)).not.toContain('enterprise.deregistered');
  });

  it('refuses at once with every reason: a registry list, unsettled debts, a missing signatory', async () => {
    const { creditCode, investors } = await registered();
    await h.ports.registryLists.put({
      list: 'abnormal-operation',
      creditCode,
      reason: '通过登记的住所无法联系',
      addedBy: 'examiner-1',
      addedAt: new Date().toISOString(),
      authority: '440305',
    });
    const refused = await fileDeregistration(h.ports, applicant, {
      creditCode,
      commitment: { debtsSettled: false, signatories: investors.slice(1) },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RuleViolation);
    const reasons = (
      (refused as RuleViolation).details as { reasons: Array<{ rule: string; basis: string }> }
    ).reasons;
    expect(reasons.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['abnormal-operation', 'debts-not-settled', 'signatory-missing']),
    );
    for (const r of reasons) expect(r.basis).toBeTruthy();
    expect((await h.ports.enterprises.get(creditCode))?.status).toBe('active');
    await expect(
      fileDeregistration(h.ports, stranger, {
        creditCode,
        commitment: { debtsSettled: true, signatories: investors },
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses at the end when the enterprise was put on a list during the announcement', async () => {
    const { creditCode, investors } = await registered({ settings: SHORT });
    const filed = await fileDeregistration(h.ports, applicant, {
      creditCode,
      commitment: { debtsSettled: true, signatories: investors },
    });
    await h.entered(deregistrationExecutionName(filed.id), 'AwaitObjections');
    await h.ports.registryLists.put({
      list: 'litigation',
      creditCode,
      reason: '买卖合同纠纷尚在审理',
      addedBy: 'examiner-1',
      addedAt: new Date().toISOString(),
      authority: '440305',
    });
    expect((await h.ended(deregistrationExecutionName(filed.id))).status).toBe('SUCCEEDED');
    const ended = (await h.ports.deregistrations.get(filed.id))!;
    expect(ended.status).toBe('rejected');
    expect(ended.reasons?.map((r) => r.rule)).toEqual(['litigation']);
    expect((await h.ports.enterprises.get(creditCode))?.status).toBe('active');
    expect((await h.ports.licenses.current(creditCode))?.status).toBe('active');
  });

  it('lets an individual business close on its operator’s commitment, the departments alone told', async () => {
    h = await ScenarioHarness.create({
      waitMs: 3_600_000,
      settings: { ...SHORT, individualObjectionPeriod: parseDuration('PT1S') },
    });
    const s = await submit(h, {
      name: uniqueName().replace('科技有限公司', '餐饮店'),
      entityType: 'individual_business',
    });
    await h.ended(s.executionName);
    const record = await registrationOf(h, s.registration.id);
    expect(record.status).toBe('registered');
    const operator = (record.summary.legalRepresentative as { name: string }).name;
    const filed = await fileDeregistration(h.ports, applicant, {
      creditCode: record.creditCode!,
      commitment: { debtsSettled: true, signatories: [operator] },
    });
    expect(filed.announcement.kind).toBe('departments');
    expect((await h.ended(deregistrationExecutionName(filed.id))).status).toBe('SUCCEEDED');
    expect((await h.ports.deregistrations.get(filed.id))?.status).toBe('deregistered');
  });
});
