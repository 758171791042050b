import { describe, expect, it } from 'vitest';
import { assignReview, decideReview, listReviews } from '#app/registration/reviews';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation } from '#domain/errors';
import { alice, examiner, freshPorts, inReview, REVIEW_TOKEN } from '../support.ts';

const elsewhere = { sub: 'examiner-bj', role: 'examiner' as const, authority: '110105' };
const taskOf = (registrationId: string, round = 0) => `${registrationId}-review-${round}`;

describe('listReviews', () => {
  it("lists the open reviews of the examiner's authority", async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    const page = await listReviews(ports, examiner, undefined, 10);
    expect(page.items.map((t) => t.taskId)).toEqual([taskOf(registration.id)]);
    expect((await listReviews(ports, elsewhere, undefined, 10)).items).toEqual([]);
  });

  it('answers 403 to an examiner token that names no authority', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await expect(listReviews(ports, { sub: 'e', role: 'examiner' }, undefined, 10)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(
      decideReview(ports, { sub: 'e', role: 'examiner' }, taskOf(registration.id), 'approve', 'x'),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('decideReview', () => {
  it('moves the case, closes the task and answers the token once', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    const result = await decideReview(ports, examiner, taskOf(registration.id), 'approve', '材料齐全');
    expect(result).toEqual({
      taskId: taskOf(registration.id),
      registrationId: registration.id,
      decision: 'approve',
    });
    expect(await ports.registrations.get(registration.id)).toMatchObject({
      status: 'approved',
      decision: { outcome: 'approve', by: 'examiner', examiner: 'examiner-1', reason: '材料齐全' },
    });
    expect(await ports.humanTasks.get(taskOf(registration.id))).toMatchObject({
      status: 'done',
      decision: 'approve',
    });
    expect(ports.workflows.taskSuccesses).toEqual([
      {
        token: REVIEW_TOKEN,
        output: { decision: 'approve', examiner: 'examiner-1', supplementTimeoutSeconds: 15 * 86_400 },
      },
    ]);
  });

  it('answers a second decision with 409, answering the token no more', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await decideReview(ports, examiner, taskOf(registration.id), 'reject', '名称不当');
    const again = decideReview(ports, examiner, taskOf(registration.id), 'approve', '改判');
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({ code: 'review-closed' });
    expect(ports.workflows.taskSuccesses).toHaveLength(1);
    expect((await ports.registrations.get(registration.id))?.decision).toMatchObject({ outcome: 'reject' });
  });

  it('starts a new round when changes are requested', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await decideReview(ports, examiner, taskOf(registration.id), 'request_changes', '请补充租赁合同');
    expect(await ports.registrations.get(registration.id)).toMatchObject({
      status: 'in_review',
      reviewRound: 1,
      decision: { outcome: 'review', reason: '请补充租赁合同' },
    });
    expect(ports.workflows.taskSuccesses[0]?.output).toMatchObject({ decision: 'request_changes' });
  });

  it('answers 404 to an examiner of another authority, and to a task that is not a review', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await expect(
      decideReview(ports, elsewhere, taskOf(registration.id), 'approve', 'x'),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(decideReview(ports, examiner, 'missing', 'approve', 'x')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await ports.registrations.get(registration.id))?.status).toBe('in_review');
    expect(ports.workflows.taskSuccesses).toEqual([]);
  });
});

describe('assignReview', () => {
  it('assigns an open review, and refuses a decided one with 409', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    // examiner-2 has worked the authority's queue: the queue knows them.
    await listReviews(ports, { sub: 'examiner-2', role: 'examiner', authority: '440300' }, undefined, 10);
    expect(await assignReview(ports, examiner, taskOf(registration.id), 'examiner-2')).toEqual({
      taskId: taskOf(registration.id),
      assignee: 'examiner-2',
    });
    expect((await ports.humanTasks.get(taskOf(registration.id)))?.assignee).toBe('examiner-2');
    await decideReview(
      ports,
      { sub: 'examiner-2', role: 'examiner', authority: '440300' },
      taskOf(registration.id),
      'approve',
      'ok',
    );
    await expect(assignReview(ports, examiner, taskOf(registration.id), 'examiner-3')).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe('assignment means something', () => {
  const colleague = { sub: 'examiner-2', role: 'examiner' as const, authority: '440303' };
  const operator = { sub: 'ops-1', role: 'operator' as const };

  it('lets only the assignee decide; a colleague of the authority takes the task over first', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    const task = taskOf(registration.id);
    await assignReview(ports, examiner, task, examiner.sub);
    await expect(decideReview(ports, colleague, task, 'approve', 'ok')).rejects.toThrow(
      /assign it to yourself/,
    );
    expect(ports.workflows.taskSuccesses).toHaveLength(0);
    await assignReview(ports, colleague, task, colleague.sub);
    await expect(decideReview(ports, colleague, task, 'approve', 'ok')).resolves.toMatchObject({
      decision: 'approve',
    });
  });

  it('lets an operator reassign a task of any authority, and refuses an examiner of another', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    const task = taskOf(registration.id);
    await expect(assignReview(ports, operator, task, 'nobody-known')).rejects.toBeInstanceOf(RuleViolation);
    await listReviews(ports, colleague, undefined, 10);
    await expect(assignReview(ports, operator, task, colleague.sub)).resolves.toEqual({
      taskId: task,
      assignee: colleague.sub,
    });
    expect((await ports.humanTasks.get(task))?.assignee).toBe(colleague.sub);
    await expect(assignReview(ports, elsewhere, task, elsewhere.sub)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('a decision repeated after a failure between its writes', () => {
  it('finishes what the first attempt left: the case moves once, the workflow is answered once', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    const task = taskOf(registration.id);
    const move = ports.registrations.move.bind(ports.registrations);
    let failures = 1;
    ports.registrations.move = async (...args) => {
      if (failures-- > 0) throw new Error('the store went away');
      return move(...args);
    };
    await expect(decideReview(ports, examiner, task, 'approve', 'ok')).rejects.toThrow('the store went away');
    expect((await ports.humanTasks.get(task))?.status).toBe('done');
    expect(ports.workflows.taskSuccesses).toHaveLength(0);
    // The examiner (or their client) tries again with the same decision.
    await expect(decideReview(ports, examiner, task, 'approve', 'ok')).resolves.toMatchObject({
      decision: 'approve',
    });
    expect((await ports.registrations.get(registration.id))?.status).toBe('approved');
    expect(ports.workflows.taskSuccesses).toHaveLength(1);
    await decideReview(ports, examiner, task, 'approve', 'ok');
    expect(ports.workflows.taskSuccesses).toHaveLength(1);
    await expect(decideReview(ports, examiner, task, 'reject', 'no')).rejects.toBeInstanceOf(ConflictError);
    // Another examiner of the authority repeating the same decision is told it was decided (found by a new user).
    const colleague = { sub: 'examiner-2', role: 'examiner' as const, authority: '440303' };
    await expect(decideReview(ports, colleague, task, 'approve', 'me too')).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});
