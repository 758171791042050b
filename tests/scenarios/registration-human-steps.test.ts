/**
 * The registration workflow's human steps, in-process: an examiner's review (referral, changes
 * requested, escalation past the deadline) and an applicant's supplement (补正), each checked again
 * before the case goes on. Driven through the use cases the API calls; the reservation workflows sleep.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkCreditCode } from '#domain/credit-code';
import { parseDuration } from '#domain/legal-time';
import { humanTaskIds } from '#domain/registration/lifecycle';
import {
  decide,
  deliver,
  reasonCodes,
  registrationOf,
  reviewOf,
  similarName,
  statusOf,
  stranger,
  submit,
  supplement,
  supplementTaskOf,
  timelineOf,
  upload,
} from './actors.ts';
import { type HarnessOptions, ScenarioHarness, statesEntered } from './harness.ts';

let h: ScenarioHarness;
const harness = async (options: HarnessOptions = {}) => {
  h = await ScenarioHarness.create({ waitMs: 3_600_000, ...options });
  return h;
};
afterEach(() => h?.dispose());

describe('registration: the examiner', () => {
  it('approves a case the rules refer (a similar name)', async () => {
    await harness();
    const s = await submit(h, { name: similarName() });
    expect((await statusOf(h, s.registration.id, 'in_review')).decision).toMatchObject({ outcome: 'review' });
    await decide(h, s.registration.id, 'approve', '材料齐全，符合法定形式');
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('registered');
    expect(done.decision).toMatchObject({ by: 'examiner', outcome: 'approve' });
    expect(checkCreditCode(done.creditCode!).valid).toBe(true);
  });

  it('requests changes; a supplement naming a material not uploaded goes back to the applicant; once uploaded it returns to the examiner, who approves', async () => {
    await harness();
    const s = await submit(h, { name: similarName() });
    await decide(h, s.registration.id, 'request_changes', '请补充股东会决议');
    const asked = await supplementTaskOf(h, s.registration.id);
    expect(asked.taskId).toBe(humanTaskIds.supplement(s.registration.id, 1, 'examiner'));
    expect(reasonCodes(await registrationOf(h, s.registration.id))).toEqual(['changes-requested']);

    const declared = await upload(h, 'appointment_documents', { uploaded: false });
    await supplement(h, s.registration.id, [declared]);
    const again = await supplementTaskOf(h, s.registration.id);
    expect(again.taskId).toBe(humanTaskIds.supplement(s.registration.id, 1, 'materials'));
    expect((await registrationOf(h, s.registration.id)).reasons).toEqual([
      expect.objectContaining({ code: 'material-invalid', path: `materials.${declared}` }),
    ]);

    // The file arrives: the same material now checks out, and the case returns to the examiner.
    deliver(h, declared);
    // A supplement replaces what was refused: the applicant names the material again once it is there.
    await supplement(h, s.registration.id, [declared]);
    const second = await reviewOf(h, s.registration.id, (t) => t.round === 1);
    expect(second.taskId).toBe(humanTaskIds.review(s.registration.id, 1));
    await decide(h, s.registration.id, 'approve', '已补正', (t) => t.round === 1);
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution).filter((x) => x.startsWith('Await'))).toEqual([
      'AwaitReview',
      'AwaitChanges',
      'AwaitSupplement',
      'AwaitReview',
    ]);
    const done = await registrationOf(h, s.registration.id);
    expect(done.status).toBe('registered');
    expect(done.decision).toMatchObject({ by: 'examiner', outcome: 'approve' });
  });

  it('requests changes; a supplement naming someone else’s material goes back to the applicant; a good one returns to the examiner, who approves', async () => {
    await harness();
    const s = await submit(h, { name: similarName() });
    await decide(h, s.registration.id, 'request_changes', '请补充股东会决议');
    const theirs = await upload(h, 'appointment_documents', { caller: stranger });
    await supplement(h, s.registration.id, [theirs]);
    const back = await supplementTaskOf(h, s.registration.id);
    expect(back.taskId).toBe(humanTaskIds.supplement(s.registration.id, 1, 'materials'));
    // Someone else's material reads as one that does not exist (never whose it is).
    expect((await registrationOf(h, s.registration.id)).reasons).toEqual([
      expect.objectContaining({ code: 'material-invalid', path: `materials.${theirs}` }),
    ]);

    const mine = await upload(h, 'appointment_documents');
    await supplement(h, s.registration.id, [mine]);
    const checked = await statusOf(h, s.registration.id, 'in_review', 'changes_requested', 'rejected');
    expect(checked.status).toBe('in_review');
    await decide(h, s.registration.id, 'approve', '已补正', (t) => t.round === 1);
    expect((await h.ended(s.executionName)).status).toBe('SUCCEEDED');
    expect((await registrationOf(h, s.registration.id)).status).toBe('registered');
  });

  it('escalates a review left past its deadline (1 s here); the task stays open and the examiner approves', async () => {
    await harness({ settings: { reviewPeriod: parseDuration('PT1S') } });
    const s = await submit(h, { name: similarName() });
    const escalated = await reviewOf(h, s.registration.id, (t) => Boolean(t.escalatedAt));
    expect(escalated.status).toBe('open');
    const record = await registrationOf(h, s.registration.id);
    expect(record.status).toBe('in_review');
    expect(timelineOf(record)).toContain('review:escalated');
    await decide(h, s.registration.id, 'approve', 'late, but right');
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toContain('EscalateReview');
    expect((await registrationOf(h, s.registration.id)).status).toBe('registered');
  });
});

describe('registration: the applicant supplements', () => {
  it('is told which materials are missing, supplies them, and the case is approved by the rules', async () => {
    await harness();
    const missing = ['domicile_commitment', 'appointment_documents', 'officers_identity'];
    const s = await submit(h, { without: missing });
    const asked = await statusOf(h, s.registration.id, 'changes_requested');
    expect(
      asked.reasons
        ?.filter((x) => x.code === 'material-missing')
        .map((x) => x.path)
        .sort(),
    ).toEqual([
      'materials.appointment_documents',
      'materials.domicile_commitment',
      'materials.officers_identity',
    ]);
    await supplement(h, s.registration.id, await Promise.all(missing.map((k) => upload(h, k))));
    const execution = await h.ended(s.executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).toEqual([
      'CheckApplication',
      'Checked',
      'AwaitSupplement',
      'CheckMaterials',
      'MaterialsComplete',
      'Decide',
      'Outcome',
      'AssignCreditCode',
      'RegisterEnterprise',
      'IssueLicense',
    ]);
    expect((await registrationOf(h, s.registration.id)).status).toBe('registered');
  });

  it('is asked again when a supplement is still incomplete, and goes on once it is complete', async () => {
    await harness();
    const s = await submit(h, { without: ['officers_identity'] });
    const first = await supplementTaskOf(h, s.registration.id);
    const declared = await upload(h, 'officers_identity', { uploaded: false });
    await supplement(h, s.registration.id, [declared]);
    // Checked again: the file is not there, so the applicant is asked once more.
    const second = await statusOf(h, s.registration.id, 'changes_requested', 'rejected');
    expect(second.status).toBe('changes_requested');
    expect(second.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'material-invalid', path: `materials.${declared}` }),
      ]),
    );
    const reopened = await supplementTaskOf(h, s.registration.id);
    expect(reopened.taskId).toBe(first.taskId);
    deliver(h, declared);
    // A supplement replaces what was refused: the applicant names the material again once it is there.
    await supplement(h, s.registration.id, [declared]);
    expect((await h.ended(s.executionName)).status).toBe('SUCCEEDED');
    expect((await registrationOf(h, s.registration.id)).status).toBe('registered');
  });
});
