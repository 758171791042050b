import { beforeAll, describe, expect, it } from 'vitest';
import { checkCreditCode } from '#domain/credit-code';
import {
  body,
  reserve,
  similarName,
  statusOf,
  uniqueName,
  upload,
  uploadAll,
} from './registration-support.ts';
import { call, eventually, runtime, tokenFor } from './support.ts';

let applicant: string;
let examiner: string;
let materials: string[];

beforeAll(async () => {
  applicant = await tokenFor({ role: 'applicant', sub: 'reg-applicant' });
  examiner = await tokenFor({ role: 'examiner', sub: 'exam-1', authority: '440305' });
  materials = await uploadAll(applicant);
});

const submit = (
  reservationId: string,
  entityType?: Parameters<typeof body>[2],
  changes = {},
  m = materials,
) =>
  call<{ id: string; status: string }>('POST', '/v1/registrations', {
    token: applicant,
    body: body(reservationId, m, entityType, changes),
  });

/** A standard case but for a name similar to a registered one: the rules send it to an examiner. */
const submitForReview = async () => submit(await reserve(applicant, similarName()));

async function reviewOf(registrationId: string) {
  return eventually(async () => {
    const r = await call<{
      items: {
        taskId: string;
        registrationId: string;
        ageSeconds: number;
        escalated: boolean;
        deadline?: string;
      }[];
    }>('GET', '/v1/reviews?limit=100', { token: examiner });
    return r.body.items.find((t) => t.registrationId === registrationId);
  });
}

describe('registration: standard case approved by rules', () => {
  it('goes from submission to registered with one valid credit code, a timeline, and the name held by the enterprise', async () => {
    const name = uniqueName();
    const reservationId = await reserve(applicant, name);
    const submitted = await submit(reservationId);
    expect(submitted.status).toBe(202);
    expect(submitted.body.status).toBe('submitted');

    const done = await statusOf(applicant, submitted.body.id, ['registered', 'rejected']);
    expect(done.status).toBe('registered');
    expect(checkCreditCode(done.creditCode!)).toMatchObject({
      valid: true,
      parts: { authorityCode: '9', entityTypeCode: '1', division: '440305' },
    });
    // The license is issued after `registered`: its URL appears once it exists.
    const licensed = await eventually(async () => {
      const r = await call<{ licenseUrl?: string }>('GET', `/v1/registrations/${submitted.body.id}`, {
        token: applicant,
      });
      return r.body.licenseUrl ? r.body : undefined;
    });
    expect(licensed.licenseUrl).toBe(`${runtime().url}/v1/licenses/${done.creditCode}`);
    expect(done.decision).toMatchObject({ by: 'rules', outcome: 'approve' });
    expect(done.timeline.map((t) => t.step)).toEqual(
      expect.arrayContaining([
        'submission',
        'validation',
        'name-reservation',
        'materials',
        'decision',
        'credit-code',
        'registration',
      ]),
    );
    expect(JSON.stringify(done)).not.toMatch(/44030519850312001X/);

    const reservation = await call('GET', `/v1/names/reservations/${reservationId}`, { token: applicant });
    expect(reservation.body.status).toBe('consumed');
    const check = await call<{
      findings: { rule: string; conflictsWith?: { status: string; creditCode?: string } }[];
    }>('POST', '/v1/names/check', { body: { name, division: '440305' } });
    expect(check.body.findings).toContainEqual(
      expect.objectContaining({
        rule: 'name.identical',
        conflictsWith: expect.objectContaining({ status: 'registered', creditCode: done.creditCode }),
      }),
    );
    const notices = await call<{ items: { kind: string }[] }>('GET', '/v1/notifications', {
      token: applicant,
    });
    expect(notices.body.items.map((n) => n.kind)).toContain('registration.registered');
  });

  it('starts one workflow for a repeated submission with the same Idempotency-Key', async () => {
    const reservationId = await reserve(applicant);
    const headers = { 'idempotency-key': `registration-${reservationId}` };
    const payload = body(reservationId, materials);
    const [first, second] = [
      await call<{ id: string }>('POST', '/v1/registrations', { token: applicant, body: payload, headers }),
      await call<{ id: string }>('POST', '/v1/registrations', { token: applicant, body: payload, headers }),
    ];
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const operator = await tokenFor({ role: 'operator', sub: 'reg-ops' });
    const executions = await call<{ items: { id: string }[] }>(
      'GET',
      '/v1/ops/executions?workflow=registration&limit=100',
      { token: operator },
    );
    expect(executions.body.items.filter((e) => e.id === `registration--${first.body.id}`)).toHaveLength(1);
    const mine = await call<{ items: { reservationId: string }[] }>('GET', '/v1/registrations?limit=100', {
      token: applicant,
    });
    expect(mine.body.items.filter((r) => r.reservationId === reservationId)).toHaveLength(1);
  });

  it('answers at once: 404 for someone else’s reservation, 409 for one already used', async () => {
    const reservationId = await reserve(applicant);
    const other = await tokenFor({ role: 'applicant', sub: 'reg-other' });
    const theirs = await call('POST', '/v1/registrations', {
      token: other,
      body: body(reservationId, materials),
    });
    expect(theirs.status).toBe(404);
    expect((await submit(reservationId)).status).toBe(202);
    const again = await submit(reservationId);
    expect(again.status).toBe(409);
  });
});

describe('registration: examiner', () => {
  it('approves a case the rules send to review (a similar name), seen in the queue with its age and deadline', async () => {
    const r = await submitForReview();
    expect(r.status).toBe(202);
    const task = await reviewOf(r.body.id);
    expect(task.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(task.deadline).toBeDefined();
    expect(JSON.stringify(task)).not.toMatch(/token/i);
    const other = await tokenFor({ role: 'examiner', sub: 'exam-gz', authority: '440106' });
    expect(
      (
        await call('POST', `/v1/reviews/${task.taskId}`, {
          token: other,
          body: { decision: 'approve', reason: 'x' },
        })
      ).status,
    ).toBe(404);
    const decided = await call('POST', `/v1/reviews/${task.taskId}`, {
      token: examiner,
      body: { decision: 'approve', reason: '材料齐全，符合法定形式' },
    });
    expect(decided.status).toBe(200);
    // The same decision again converges (a retry after a lost answer); another decision is a conflict.
    const again = await call('POST', `/v1/reviews/${task.taskId}`, {
      token: examiner,
      body: { decision: 'approve', reason: 'again' },
    });
    expect(again.status).toBe(200);
    const other2 = await call('POST', `/v1/reviews/${task.taskId}`, {
      token: examiner,
      body: { decision: 'reject', reason: 'changed my mind' },
    });
    expect(other2.status).toBe(409);
    const done = await statusOf(applicant, r.body.id, ['registered']);
    expect(done.decision).toMatchObject({ by: 'examiner', outcome: 'approve' });
    expect(checkCreditCode(done.creditCode!).valid).toBe(true);
  });

  it('rejects with reasons, and the reservation returns to reserved', async () => {
    const reservationId = await reserve(applicant, similarName());
    const r = await submit(reservationId);
    const task = await reviewOf(r.body.id);
    await call('POST', `/v1/reviews/${task.taskId}`, {
      token: examiner,
      body: { decision: 'reject', reason: '发起人不符合法定人数' },
    });
    const done = await statusOf(applicant, r.body.id, ['rejected']);
    expect(done.creditCode).toBeUndefined();
    expect(
      (await call('GET', `/v1/names/reservations/${reservationId}`, { token: applicant })).body.status,
    ).toBe('reserved');
  });

  it('requests changes; the applicant supplements; the case returns to the examiner, who approves', async () => {
    const r = await submitForReview();
    const first = await reviewOf(r.body.id);
    await call('POST', `/v1/reviews/${first.taskId}`, {
      token: examiner,
      body: { decision: 'request_changes', reason: '请补充股东会决议' },
    });
    const asked = await statusOf(applicant, r.body.id, ['changes_requested']);
    expect(asked.reasons?.map((x) => x.code)).toContain('changes-requested');
    const extra = await upload(applicant, 'appointment_documents', 'the resolution');
    const supplied = await call('POST', `/v1/registrations/${r.body.id}/materials`, {
      token: applicant,
      body: { materials: [extra] },
    });
    expect(supplied.status).toBe(200);
    const second = await eventually(async () => {
      const t = await reviewOf(r.body.id);
      return t.taskId !== first.taskId ? t : undefined;
    });
    await call('POST', `/v1/reviews/${second.taskId}`, {
      token: examiner,
      body: { decision: 'approve', reason: '已补正' },
    });
    expect((await statusOf(applicant, r.body.id, ['registered'])).status).toBe('registered');
  });

  it('escalates a review left past its deadline (4 s here), which stays open for the examiner', async () => {
    const r = await submitForReview();
    const escalated = await eventually(async () => {
      const t = await reviewOf(r.body.id);
      return t.escalated ? t : undefined;
    }, 60_000);
    const view = await call<{ timeline: { step: string; status: string }[] }>(
      'GET',
      `/v1/registrations/${r.body.id}`,
      { token: applicant },
    );
    expect(view.body.timeline).toContainEqual(
      expect.objectContaining({ step: 'review', status: 'escalated' }),
    );
    await call('POST', `/v1/reviews/${escalated.taskId}`, {
      token: examiner,
      body: { decision: 'approve', reason: 'late, but right' },
    });
    expect((await statusOf(applicant, r.body.id, ['registered'])).status).toBe('registered');
  });
});

describe('registration: the applicant', () => {
  it('withdraws before a decision; the reservation returns; a decided case cannot be withdrawn', async () => {
    const reservationId = await reserve(applicant, similarName());
    const r = await submit(reservationId);
    await reviewOf(r.body.id);
    const withdrawn = await call('POST', `/v1/registrations/${r.body.id}/withdraw`, { token: applicant });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(
      (await call('GET', `/v1/names/reservations/${reservationId}`, { token: applicant })).body.status,
    ).toBe('reserved');
    expect((await call('POST', `/v1/registrations/${r.body.id}/withdraw`, { token: applicant })).status).toBe(
      409,
    );
    const queue = await call<{ items: { registrationId: string }[] }>('GET', '/v1/reviews?limit=100', {
      token: examiner,
    });
    expect(queue.body.items.map((t) => t.registrationId)).not.toContain(r.body.id);
  });

  it('is told which materials are missing, supplies them, and the case goes on', async () => {
    const some = materials.slice(0, 3);
    const r = await submit(await reserve(applicant), undefined, {}, some);
    const asked = await statusOf(applicant, r.body.id, ['changes_requested']);
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
    const supplied = await call('POST', `/v1/registrations/${r.body.id}/materials`, {
      token: applicant,
      body: { materials: materials.slice(3) },
    });
    expect(supplied.status).toBe(200);
    expect((await statusOf(applicant, r.body.id, ['registered'])).status).toBe('registered');
  });

  it('sees only their own registrations', async () => {
    const r = await submit(await reserve(applicant));
    const other = await tokenFor({ role: 'applicant', sub: 'reg-nosy' });
    expect((await call('GET', `/v1/registrations/${r.body.id}`, { token: other })).status).toBe(404);
    const mine = await call<{ items: { id: string }[] }>('GET', '/v1/registrations?limit=100', {
      token: applicant,
    });
    expect(mine.body.items.map((i) => i.id)).toContain(r.body.id);
  });
});
