/**
 * The registration workflow, in-process: workflows/registration.asl.json on the in-memory ports, driven
 * through the use cases the API calls: approval by the rules, each refusal, withdrawal, compensation (the
 * human steps are registration-human-steps'). The reservation workflows the reservations start sleep
 * through these tests (their waits are not shortened); their own scenarios are name-reservation's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decideReview } from '#app/registration/reviews';
import { recordRegistration } from '#app/registration/submit';
import { REGISTRATION_WORKFLOW } from '#contract/workflows';
import { checkCreditCode } from '#domain/credit-code';
import { ConflictError } from '#domain/errors';
import { parseDuration } from '#domain/legal-time';
import { application, P } from '../unit/registration/fixtures.ts';
import {
  applicant,
  DIVISION,
  decide,
  examiner,
  reasonCodes,
  registeredMeanwhile,
  registrationExecution,
  registrationOf,
  reserve,
  reviewOf,
  similarName,
  statusOf,
  submit,
  timelineOf,
  uniqueName,
  withdraw,
} from './actors.ts';
import { type HarnessOptions, ScenarioHarness, statesEntered } from './harness.ts';

let h: ScenarioHarness;
const harness = async (options: HarnessOptions = {}) => {
  h = await ScenarioHarness.create({ waitMs: 3_600_000, ...options });
  return h;
};
afterEach(() => h?.dispose());

const reservationStatus = async (id: string) => (await h.ports.reservations.get(id))?.status;

describe('registration: approved by the rules', () => {
  it('goes from submission to registered: one credit code, the enterprise with its event and notice, the name registered in the index', async () => {
    await harness();
    const name = uniqueName();
    const s = await submit(h, { name });
    expect(s.registration.status).toBe('submitted');
    expect(h.ports.workflows.startsOf(REGISTRATION_WORKFLOW.name)).toEqual([
      {
        workflow: 'registration',
        executionName: s.executionName,
        input: { registrationId: s.registration.id },
      },
    ]);

    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'CheckApplication',
      'Checked',
      'Decide',
      'Outcome',
      'AssignCreditCode',
      'RegisterEnterprise',
      'IssueLicense',
    ]);
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('registered');
    const code = done.creditCode!;
    expect(checkCreditCode(code)).toMatchObject({
      valid: true,
      parts: { authorityCode: '9', entityTypeCode: '1', division: DIVISION },
    });
    expect(done.decision).toMatchObject({ by: 'rules', outcome: 'approve' });
    expect(timelineOf(done)).toEqual(
      expect.arrayContaining([
        'submission:received',
        'validation:passed',
        'name-reservation:consumed',
        'materials:complete',
        'decision:approve',
        `credit-code:assigned`,
        'registration:registered',
      ]),
    );
    expect(JSON.stringify(execution.events)).not.toMatch(/44030519850312001X|张伟/);

    expect(await h.ports.enterprises.get(code)).toMatchObject({ creditCode: code, name, status: 'active' });
    // The enterprise's first event; its license's follows (the e-license step after `registered`).
    expect(h.ports.enterprises.outbox(code).slice(0, 1)).toEqual([
      expect.objectContaining({ type: 'enterprise.registered', creditCode: code, seq: 1 }),
    ]);
    const notices = await h.ports.notifications.listOwned({ sub: applicant.sub }, undefined, 100);
    expect(notices.items.map((n) => n.kind)).toContain('registration.registered');
    expect(await reservationStatus(s.reservationId)).toBe('consumed');
    // In the name index the reservation's member is replaced by the enterprise's.
    const indexed = await h.ports.nameIndex.search(name.slice(3, 6));
    expect(indexed.map((m) => [m.id, m.status])).toEqual([[code, 'registered']]);
    expect(h.ports.reservations.holders(s.registration.nameLock!)).toEqual([
      expect.objectContaining({ kind: 'enterprise', id: code }),
    ]);
  });
});

describe('registration: refused', () => {
  it('rejects an application the rules refuse by the time the workflow checks it, and the reservation returns', async () => {
    await harness();
    // Admitted under earlier rules: submission now refuses such an application at once (422), so the case
    // is recorded as it would have been then, and the workflow's own check is what refuses it.
    const reservation = await reserve(h);
    const app = application('limited_liability_company', {
      reservationId: reservation.id,
      legalRepresentative: { ...P.zhang, idNumber: '440305198503120010' },
    });
    const held = (await h.ports.registrations.getReservation(reservation.id))!;
    const registration = await recordRegistration(
      h.ports,
      applicant,
      app,
      { kind: 'online' },
      {
        reservation: held,
        now: h.ports.clock.now(),
      },
    );
    const s = {
      registration,
      reservationId: reservation.id,
      executionName: registrationExecution(registration.id),
    };
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual(['CheckApplication', 'Checked', 'RejectRegistration']);
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('rejected');
    expect(timelineOf(done)).toEqual(expect.arrayContaining(['validation:failed', 'decision:rejected']));
    expect(done.reasons?.filter((r) => r.severity === 'block').length).toBeGreaterThan(0);
    expect(done.creditCode).toBeUndefined();
    expect(await reservationStatus(s.reservationId)).toBe('reserved');
  });

  it('refuses at once a submission after the reservation lapsed, and holds one submitted in time past its end', async () => {
    await harness();
    const lapsed = await reserve(h);
    h.ports.clock.set(lapsed.expiresAt);
    await expect(submit(h, { reservationId: lapsed.id })).rejects.toThrow(/expired/);
    const held = await reserve(h);
    const s = await submit(h, { reservationId: held.id });
    // The process was down past the reservation's end: the registration still holds it.
    h.ports.clock.set(new Date(Date.parse(held.expiresAt) + 60_000));
    expect((await h.ended(s.executionName)).status).toBe('SUCCEEDED');
    expect((await registrationOf(h, s.registration.id)).status).toBe('registered');
    expect(await reservationStatus(held.id)).toBe('consumed');
  });

  it('rejects at the decision a name that became unavailable after it was reserved', async () => {
    await harness();
    const name = uniqueName();
    const reservation = await reserve(h, name);
    await registeredMeanwhile(h, name, '91440300MA5F0000X1');
    const s = await submit(h, { reservationId: reservation.id });
    const execution = await h.ended(s.executionName);
    expect(statesEntered(execution)).toEqual([
      'CheckApplication',
      'Checked',
      'Decide',
      'Outcome',
      'RejectRegistration',
    ]);
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('rejected');
    expect(timelineOf(done)).toEqual(expect.arrayContaining(['decision:reject', 'decision:rejected']));
    expect(done.decision).toMatchObject({ by: 'rules', outcome: 'reject' });
    expect(done.decision?.failedRules).toContain('name-available');
    expect(await reservationStatus(reservation.id)).toBe('reserved');
  });

  it('rejects when the examiner rejects, and the reservation returns to reserved', async () => {
    await harness();
    const s = await submit(h, { name: similarName() });
    const task = await reviewOf(h, s.registration.id);
    expect(task.deadline).toBeDefined();
    expect(task.queue).toBe((await registrationOf(h, s.registration.id)).authorityScope);
    await decide(h, s.registration.id, 'reject', '发起人不符合法定人数');
    // The same decision again converges (answered once); another decision on a decided task is a conflict.
    await expect(
      decideReview(h.ports, examiner, task.taskId, 'approve', 'changed my mind'),
    ).rejects.toBeInstanceOf(ConflictError);
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution).slice(-3)).toEqual([
      'AwaitReview',
      'ReviewOutcome',
      'RejectRegistration',
    ]);
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('rejected');
    expect(done.decision).toMatchObject({ by: 'examiner', outcome: 'reject' });
    expect(done.creditCode).toBeUndefined();
    expect(await reservationStatus(s.reservationId)).toBe('reserved');
    expect((await h.ports.humanTasks.get(task.taskId))?.status).toBe('done');
  });

  it('rejects a case whose materials were not supplemented in time (1 s here)', async () => {
    await harness({ settings: { supplementPeriod: parseDuration('PT1S') } });
    const s = await submit(h, { without: ['officers_identity'] });
    const asked = await statusOf(h, s.registration.id, 'changes_requested');
    expect(asked.reasons?.map((r) => r.path)).toEqual(['materials.officers_identity']);
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'CheckApplication',
      'Checked',
      'AwaitSupplement',
      'SupplementOverdue',
    ]);
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('rejected');
    expect(reasonCodes(done)).toEqual(['material-missing', 'supplement-overdue']);
    expect(done.timeline.at(-1)).toMatchObject({
      step: 'decision',
      status: 'rejected',
      detail: 'supplement-overdue',
    });
    expect(await reservationStatus(s.reservationId)).toBe('reserved');
  });
});

describe('registration: the applicant', () => {
  it('withdraws before a decision: the execution stops, the reservation returns, the tasks close', async () => {
    await harness();
    const s = await submit(h, { name: similarName() });
    const task = await reviewOf(h, s.registration.id);
    expect((await withdraw(h, s.registration.id)).status).toBe('withdrawn');
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('ABORTED');
    expect(h.ports.workflows.stopped).toEqual([
      expect.objectContaining({ workflow: 'registration', executionName: s.executionName }),
    ]);
    expect(await reservationStatus(s.reservationId)).toBe('reserved');
    expect(await h.ports.humanTasks.get(task.taskId)).toMatchObject({
      status: 'done',
      decision: 'withdrawn',
    });
    expect((await registrationOf(h, s.registration.id)).status).toBe('withdrawn');
    await expect(withdraw(h, s.registration.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await h.ports.observer.describe('registration', s.executionName)).toMatchObject({
      status: 'ABORTED',
    });
  });
});

describe('registration: compensation', () => {
  it('undoes a failure past the credit code: code voided, reservation restored, rejected with processing-failed, FAILED', async () => {
    await harness();
    vi.spyOn(h.ports.enterprises, 'register').mockRejectedValue(new Error('the enterprise write failed'));
    const s = await submit(h);
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('FAILED');
    expect(execution.error?.error).toBe('RegistrationFailed');
    expect(statesEntered(execution).slice(-3)).toEqual([
      'RegisterEnterprise',
      'Compensate',
      'RegistrationFailed',
    ]);
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('rejected');
    expect(reasonCodes(done)).toContain('processing-failed');
    expect(timelineOf(done)).toContain('compensation:done');
    expect(done.creditCode).toBeDefined();
    expect(h.ports.creditCodes.code(done.creditCode!)).toMatchObject({ status: 'void' });
    expect(await h.ports.enterprises.get(done.creditCode!)).toBeUndefined();
    expect(await reservationStatus(s.reservationId)).toBe('reserved');
  });
});
