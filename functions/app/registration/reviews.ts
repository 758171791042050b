/**
 * The examiners' queue: the pending reviews of the examiner's authority; a decision answers the
 * workflow's callback task with the token the task stored (never shown); a task can be reassigned.
 */
import type { Caller } from '#domain/caller';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation } from '#domain/errors';
import type { HumanTask } from '#domain/human-task';
import { examinerScope } from '#domain/registration/access';
import { supplementTimeoutSeconds } from '#domain/registration/deadlines';
import { move, type TransitionName } from '#domain/registration/lifecycle';
import type { Ports } from '#ports/ports';

export type ReviewDecision = 'approve' | 'reject' | 'request_changes';

const TRANSITION: Record<ReviewDecision, TransitionName> = {
  approve: 'examinerApproved',
  reject: 'examinerRejected',
  request_changes: 'examinerRequestedChanges',
};

function scopeOf(caller: Caller): string {
  const scope = examinerScope(caller);
  if (!scope) throw new ForbiddenError('an examiner token names its registration authority');
  return scope;
}

/**
 * The review task the caller may act on: an examiner only in their authority's queue (anyone else's
 * reads as missing), an operator in any queue (the operators' console reassigns).
 */
async function reviewTaskOf(
  ports: Pick<Ports, 'humanTasks'>,
  caller: Caller,
  taskId: string,
): Promise<HumanTask> {
  const scope = caller.role === 'operator' ? undefined : scopeOf(caller);
  const task = await ports.humanTasks.get(taskId);
  if (task?.kind !== 'review' || (scope !== undefined && task.queue !== scope))
    throw new NotFoundError('review task');
  return task;
}

async function openTaskOf(
  ports: Pick<Ports, 'humanTasks'>,
  caller: Caller,
  taskId: string,
): Promise<HumanTask> {
  const task = await reviewTaskOf(ports, caller, taskId);
  if (task.status !== 'open') throw new ConflictError('review-closed', 'this review was already decided');
  return task;
}

export async function listReviews(
  ports: Pick<Ports, 'humanTasks'>,
  caller: Caller,
  cursor: string | undefined,
  limit: number,
) {
  const scope = scopeOf(caller);
  // An examiner at work in this queue may be assigned its tasks.
  await ports.humanTasks.noteExaminer(scope, caller.sub);
  return ports.humanTasks.listOpen('review', scope, cursor, limit);
}

/**
 * An examiner's decision: recorded on the task first (the claim), then on the registration, then sent to
 * the waiting workflow. Each write is conditional and the engine answers a token once, so a repeat of the
 * same decision (after a failure between two of the steps) finishes what the first attempt left, and the
 * store and the workflow never end in disagreement; another decision on a decided task is 409.
 */
export async function decideReview(
  ports: Pick<Ports, 'humanTasks' | 'registrations' | 'workflows' | 'clock' | 'settings'>,
  caller: Caller,
  taskId: string,
  decision: ReviewDecision,
  reason: string,
) {
  const { task, repeat } = await claimDecision(ports, caller, taskId, decision);
  const record = await ports.registrations.get(task.registrationId);
  if (!record) throw new NotFoundError('review task');
  // A repeat converges for the examiner who decided (or while the first attempt's move is still owed);
  // to anyone else a decided review is decided.
  if (repeat && record.status !== 'in_review' && record.decision?.examiner !== caller.sub)
    throw new ConflictError('review-closed', 'this review was already decided');
  const now = ports.clock.now();
  const outcome = decision === 'approve' ? 'approve' : decision === 'reject' ? 'reject' : 'review';
  const recorded = { outcome, by: 'examiner', examiner: caller.sub, reason, at: now.toISOString() };
  // False on a repeat: the registration moved with the first attempt.
  await ports.registrations.move(record.id, move(now, TRANSITION[decision]), {
    decision: recorded,
    ...(decision === 'request_changes' ? { reviewRound: record.reviewRound + 1 } : {}),
  });
  await ports.workflows.sendTaskSuccess(task.token, {
    decision,
    examiner: caller.sub,
    supplementTimeoutSeconds: supplementTimeoutSeconds(ports.settings.supplementPeriod),
  });
  return { taskId: task.taskId, registrationId: record.id, decision };
}

/** The task, closed with this decision now or before; anything else is a conflict. */
async function claimDecision(
  ports: Pick<Ports, 'humanTasks' | 'clock'>,
  caller: Caller,
  taskId: string,
  decision: ReviewDecision,
): Promise<{ task: HumanTask; repeat: boolean }> {
  const task = await reviewTaskOf(ports, caller, taskId);
  if (task.status === 'open') {
    // An assigned task is decided by its assignee; another examiner of the authority takes it over first.
    if (task.assignee && task.assignee !== caller.sub)
      throw new ConflictError(
        'assigned-to-another',
        `this review is assigned to ${task.assignee}: assign it to yourself first to decide it`,
      );
    if (await ports.humanTasks.close(task.taskId, decision, ports.clock.now()))
      return { task, repeat: false };
  }
  const now = await ports.humanTasks.get(taskId);
  if (now?.status === 'done' && now.decision === decision) return { task: now, repeat: true };
  throw new ConflictError('review-closed', 'this review was already decided');
}

export async function assignReview(
  ports: Pick<Ports, 'humanTasks'>,
  caller: Caller,
  taskId: string,
  examiner: string,
) {
  const task = await openTaskOf(ports, caller, taskId);
  // Taking a task over is being at work in its queue; anyone else must be an examiner the queue knows.
  if (caller.role === 'examiner' && caller.sub === examiner)
    await ports.humanTasks.noteExaminer(task.queue, examiner);
  else if (!(await ports.humanTasks.knowsExaminer(task.queue, examiner)))
    throw new RuleViolation(
      'assignee-unknown',
      `${examiner} is not an examiner of this task's registration authority (none has worked its queue under that name)`,
    );
  if (!(await ports.humanTasks.update(task.taskId, 'assignee', examiner)))
    throw new ConflictError('review-closed', 'this review was already decided');
  return { taskId: task.taskId, assignee: examiner };
}
