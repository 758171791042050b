import { describe, expect, it } from 'vitest';
import { escalateReview, openReview, openSupplement } from '#app/registration/human-steps';
import { parseDuration } from '#domain/legal-time';
import { reason } from '#domain/registration/types';
import { alice, checked, freshPorts, inReview, REVIEW_TOKEN, T0 } from '../support.ts';

describe('openReview', () => {
  it('opens the review in the authority’s queue with the token and a deadline, and moves the case', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    const task = await ports.humanTasks.get(`${registration.id}-review-0`);
    expect(task).toMatchObject({
      kind: 'review',
      status: 'open',
      registrationId: registration.id,
      round: 0,
      queue: '440300',
      token: REVIEW_TOKEN,
      createdAt: T0.toISOString(),
      subject: { name: registration.name, entityType: 'limited_liability_company' },
    });
    expect(Date.parse(task!.deadline!)).toBeGreaterThan(T0.getTime());
    const stored = await ports.registrations.get(registration.id);
    expect(stored?.status).toBe('in_review');
    expect(stored?.timeline.at(-1)).toMatchObject({
      step: 'review',
      status: 'waiting',
      detail: expect.stringMatching(/^deadline /),
    });
  });

  it('opened again (a restarted execution), keeps the one task and takes the new token', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await openReview(ports, registration.id, 'token-again');
    const open = await ports.humanTasks.listOpen('review', '440300', undefined, 10);
    expect(open.items).toEqual([
      expect.objectContaining({ taskId: `${registration.id}-review-0`, token: 'token-again' }),
    ]);
  });
});

describe('escalateReview', () => {
  it('marks the task escalated and the case, and waits again', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    ports.clock.advance(1000);
    const result = await escalateReview(ports, registration.id);
    expect(result).toMatchObject({ outcome: 'review', escalated: true });
    expect(result.reviewTimeoutSeconds).toBeGreaterThan(0);
    expect((await ports.humanTasks.get(`${registration.id}-review-0`))?.escalatedAt).toBe(
      new Date(T0.getTime() + 1000).toISOString(),
    );
    const stored = await ports.registrations.get(registration.id);
    expect(stored).toMatchObject({ status: 'in_review' });
    expect(stored?.timeline.at(-1)).toMatchObject({ step: 'review', status: 'escalated' });
  });
});

describe('openSupplement', () => {
  it('asks the owner for the materials found missing, in their own queue, and tells them', async () => {
    const ports = freshPorts();
    const { registration } = await checked(ports, alice);
    const missing = reason('material-missing', 'block', 'materials.x', '缺少材料：x', 'Material missing: x');
    await openSupplement(ports, registration.id, 'token-s', 'materials', { reasons: [missing], detail: 'x' });
    expect(await ports.humanTasks.get(`${registration.id}-supplement-0-materials`)).toMatchObject({
      kind: 'supplement',
      status: 'open',
      queue: `PERSON#${alice.idHash}`,
      token: 'token-s',
    });
    const stored = await ports.registrations.get(registration.id);
    expect(stored).toMatchObject({ status: 'changes_requested', reasons: [missing] });
    expect(stored!.timeline.slice(-2)).toEqual([
      expect.objectContaining({ step: 'materials', status: 'incomplete', detail: 'x' }),
      expect.objectContaining({ step: 'supplement', status: 'requested', detail: 'materials' }),
    ]);
    const notices = await ports.notifications.listOwned(
      { sub: 'alice', idHash: alice.idHash! },
      undefined,
      10,
    );
    expect(notices.items).toEqual([expect.objectContaining({ ownerSub: 'alice' })]);
  });

  it("gives the examiner's reason when the examiner asks", async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await ports.registrations.move(
      registration.id,
      { from: ['in_review'], to: 'in_review', entries: [] },
      { decision: { outcome: 'review', by: 'examiner', reason: '请补充租赁合同', at: T0.toISOString() } },
    );
    await openSupplement(ports, registration.id, 'token-e', 'examiner');
    const stored = await ports.registrations.get(registration.id);
    expect(stored?.reasons).toEqual([
      expect.objectContaining({ code: 'changes-requested', message: '请补充租赁合同' }),
    ]);
    expect(stored?.timeline.at(-1)).toMatchObject({
      step: 'supplement',
      status: 'requested',
      detail: 'examiner',
    });
  });
});

describe('a review deadline past the last holiday calendar', () => {
  it('counts Monday to Friday, records the missing year on the task, and never fails the case (clock at 2027-12-28)', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    ports.clock.set('2027-12-28T02:00:00.000Z');
    ports.settings.reviewPeriod = parseDuration('P5D');
    await openReview(ports, registration.id, REVIEW_TOKEN);
    const task = await ports.humanTasks.get(`${registration.id}-review-0`);
    expect(task?.calendarMissing).toEqual([2028]);
    // Wed 29, Thu 30, Fri 31 Dec, Mon 3, Tue 4 Jan 2028: ends at 24:00 on the 4th, Beijing time.
    expect(task?.deadline).toBe('2028-01-04T16:00:00.000Z');
  });
});
