/**
 * The examiners' queue: the pending reviews of the examiner's authority, with their age and deadline;
 * a decision answers the workflow's callback task with the token the task stored (never shown).
 */

import { optionalEnv } from '#adapters/config';
import { DynamoTaskStore, type HumanTask } from '#adapters/dynamo-reviews';
import type { Caller } from '#domain/caller';
import { ConflictError, ForbiddenError, NotFoundError } from '#domain/errors';
import { parseDuration } from '#domain/legal-time';
import { examinerScope } from '#domain/registration/access';
import { supplementTimeoutSeconds } from '#domain/registration/deadlines';
import { timelineEntry } from '#domain/registration/record';
import { httpRoute, json } from '#http/route';
import { systemClock } from '#ports/clock';
import { ROUTE } from '#shared/routes';
import { submissionDeps } from './registration-submission.ts';

let tasks: DynamoTaskStore | undefined;
const taskStore = () => (tasks ??= new DynamoTaskStore());

function scopeOf(caller: Caller): string {
  const scope = examinerScope(caller);
  if (!scope) throw new ForbiddenError('an examiner token names its registration authority');
  return scope;
}

async function openTaskOf(caller: Caller, taskId: string): Promise<HumanTask> {
  const task = await taskStore().get(taskId);
  if (task?.kind !== 'review' || task.queue !== scopeOf(caller)) throw new NotFoundError('review task');
  if (task.status !== 'open') throw new ConflictError('review-closed', 'this review was already decided');
  return task;
}

export const listReviews = httpRoute(ROUTE.ListReviews, async ({ caller, query }) => {
  const now = systemClock.now().getTime();
  const page = await taskStore().listOpen('review', scopeOf(caller), query.cursor, query.limit);
  return json(200, {
    items: page.items.map((t) => ({
      taskId: t.taskId,
      registrationId: t.registrationId,
      name: t.subject.name,
      entityType: t.subject.entityType,
      round: t.round,
      openedAt: t.createdAt,
      ageSeconds: Math.max(0, Math.round((now - Date.parse(t.createdAt)) / 1000)),
      ...(t.deadline ? { deadline: t.deadline } : {}),
      overdue: Boolean(t.deadline && Date.parse(t.deadline) < now),
      escalated: Boolean(t.escalatedAt),
      ...(t.assignee ? { assignee: t.assignee } : {}),
    })),
    nextCursor: page.nextCursor,
  });
});

export const decideReview = httpRoute(ROUTE.DecideReview, async ({ caller, params, body }) => {
  const task = await openTaskOf(caller, params.taskId);
  const { registrations, engine } = submissionDeps();
  const record = await registrations.get(task.registrationId);
  if (!record) throw new NotFoundError('review task');
  const now = systemClock.now();
  const decision = {
    outcome: body.decision === 'approve' ? 'approve' : body.decision === 'reject' ? 'reject' : 'review',
    by: 'examiner',
    examiner: caller.sub,
    reason: body.reason,
    at: now.toISOString(),
  };
  const to = body.decision === 'approve' ? 'approved' : 'in_review';
  const moved = await registrations.transition(
    record.id,
    ['in_review'],
    to,
    timelineEntry('review', body.decision, now),
    {
      decision,
      ...(body.decision === 'request_changes' ? { reviewRound: record.reviewRound + 1 } : {}),
    },
  );
  if (!moved || !(await taskStore().close(task.taskId, body.decision, now))) {
    throw new ConflictError('review-closed', 'this review was already decided');
  }
  const supplementSeconds = supplementTimeoutSeconds(
    parseDuration(optionalEnv('SUPPLEMENT_TIMEOUT', 'P15D')),
  );
  await engine.sendTaskSuccess(task.token, {
    decision: body.decision,
    examiner: caller.sub,
    supplementTimeoutSeconds: supplementSeconds,
  });
  return json(200, { taskId: task.taskId, registrationId: record.id, decision: body.decision });
});

export const assignReview = httpRoute(ROUTE.AssignReview, async ({ caller, params, body }) => {
  const task = await openTaskOf(caller, params.taskId);
  if (!(await taskStore().update(task.taskId, 'assignee', body.examiner)))
    throw new ConflictError('review-closed', 'this review was already decided');
  return json(200, { taskId: task.taskId, assignee: body.examiner });
});
