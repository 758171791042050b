/**
 * The human steps of the registration workflow, each opened by a callback task (`.waitForTaskToken`):
 * an examiner's review and an applicant's supplement. The token is stored with the task and never shown;
 * the API answers a task by its opaque id and sends the token to the engine itself.
 */
import { z } from 'zod';
import { ownerPartition } from '#adapters/owner-listing';
import { toCstIso } from '#domain/legal-time';
import { reviewTimeoutSeconds } from '#domain/registration/deadlines';
import { timelineEntry } from '#domain/registration/record';
import { reason } from '#domain/registration/types';
import { registrationDeps } from './registration-deps.ts';
import { taskHandler } from './task.ts';

const Callback = z.object({
  registrationId: z.string().min(1).max(64),
  taskToken: z.string().min(16).max(1024),
});

export const openReview = taskHandler('OpenReviewTask', Callback, async ({ registrationId, taskToken }) => {
  const { registrations, tasks, clock, reviewPeriod } = registrationDeps();
  const record = await registrations.get(registrationId);
  if (!record) throw Object.assign(new Error('registration not found'), { name: 'RegistrationNotFound' });
  const now = clock.now();
  const round = record.reviewRound;
  const deadline = new Date(now.getTime() + reviewTimeoutSeconds(now, reviewPeriod) * 1000);
  await tasks.open({
    taskId: `${registrationId}-review-${round}`,
    kind: 'review',
    registrationId,
    round,
    queue: record.authorityScope,
    subject: { name: record.name, entityType: record.entityType },
    token: taskToken,
    createdAt: now.toISOString(),
    deadline: deadline.toISOString(),
  });
  await registrations.transition(
    registrationId,
    ['checking', 'in_review', 'changes_requested'],
    'in_review',
    timelineEntry('review', 'waiting', now, `deadline ${toCstIso(deadline)}`),
  );
  return { opened: true };
});

const Ref = z.object({ registrationId: z.string().min(1).max(64) });

/** The examiner's deadline passed: the task is marked escalated (it heads the supervisors' list) and waits another period. */
export const escalateReview = taskHandler('EscalateReview', Ref, async ({ registrationId }) => {
  const { registrations, tasks, clock, reviewPeriod } = registrationDeps();
  const record = await registrations.get(registrationId);
  const now = clock.now();
  if (record) {
    await tasks.update(`${registrationId}-review-${record.reviewRound}`, 'escalatedAt', now.toISOString());
    await registrations.transition(
      registrationId,
      ['in_review'],
      'in_review',
      timelineEntry('review', 'escalated', now),
    );
  }
  return {
    outcome: 'review',
    escalated: true,
    reviewTimeoutSeconds: reviewTimeoutSeconds(now, reviewPeriod),
  };
});

const SupplementCallback = Callback.extend({ requestedBy: z.enum(['materials', 'examiner']) });

/** The applicant is asked to supplement (补正): by the materials check, or by the examiner. */
export const openSupplement = taskHandler(
  'OpenSupplementTask',
  SupplementCallback,
  async ({ registrationId, taskToken, requestedBy }) => {
    const { registrations, tasks, notifications, clock } = registrationDeps();
    const record = await registrations.get(registrationId);
    if (!record) throw Object.assign(new Error('registration not found'), { name: 'RegistrationNotFound' });
    const now = clock.now();
    await tasks.open({
      taskId: `${registrationId}-supplement-${record.reviewRound}-${requestedBy}`,
      kind: 'supplement',
      registrationId,
      round: record.reviewRound,
      queue: ownerPartition(record),
      subject: { name: record.name, entityType: record.entityType },
      token: taskToken,
      createdAt: now.toISOString(),
    });
    const examinerReason = requestedBy === 'examiner' ? record.decision?.reason : undefined;
    await registrations.transition(
      registrationId,
      ['checking', 'in_review', 'changes_requested'],
      'changes_requested',
      timelineEntry('supplement', 'requested', now, requestedBy),
      examinerReason
        ? { reasons: [reason('changes-requested', 'block', '', examinerReason, examinerReason)] }
        : {},
    );
    await notifications.notify({
      id: `registration.changes-requested:${registrationId}:${record.reviewRound}:${requestedBy}`,
      kind: 'registration.changes_requested',
      subject: { type: 'registration', id: registrationId },
      message: `您的设立登记申请“${record.name}”需要补正材料，请查看申请的原因说明后提交。`,
      messageEn: `Your registration of "${record.name}" needs changes: see the reasons on the application, then supplement it.`,
      at: now.toISOString(),
      ownerSub: record.ownerSub,
      ...(record.ownerIdHash ? { ownerIdHash: record.ownerIdHash } : {}),
    });
    return { opened: true };
  },
);
