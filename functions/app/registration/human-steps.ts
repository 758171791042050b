/**
 * The human steps of the registration workflow, each opened by a callback task: an examiner's review and
 * an applicant's supplement. The token is stored with the task and never shown; the API answers a task by
 * its opaque id and sends the token to the engine itself.
 */

import { logger } from '#adapters/logger';
import { ownerPartition } from '#domain/caller';
import { toCstIso } from '#domain/legal-time';
import { changesRequestedNotice } from '#domain/notices';
import { reviewDeadline, reviewTimeoutSeconds } from '#domain/registration/deadlines';
import { humanTaskIds, move, type SupplementRequester } from '#domain/registration/lifecycle';
import { type Reason, reason } from '#domain/registration/types';
import type { Ports } from '#ports/ports';
import { loadRegistration } from './load.ts';

type Deps = Pick<Ports, 'registrations' | 'humanTasks' | 'notifications' | 'clock' | 'settings'>;

export async function openReview(ports: Deps, registrationId: string, token: string) {
  const record = await loadRegistration(ports, registrationId);
  const now = ports.clock.now();
  const { at: deadline, calendarMissing } = reviewDeadline(now, ports.settings.reviewPeriod);
  if (calendarMissing.length > 0)
    // Counted Monday to Friday past the last holiday calendar: the operators' alarm watches for this line.
    logger.warn('holiday calendar missing', { registrationId, years: calendarMissing });
  await ports.humanTasks.open({
    taskId: humanTaskIds.review(registrationId, record.reviewRound),
    kind: 'review',
    registrationId,
    round: record.reviewRound,
    queue: record.authorityScope,
    subject: { name: record.name, entityType: record.entityType },
    token,
    createdAt: now.toISOString(),
    deadline: deadline.toISOString(),
    ...(calendarMissing.length ? { calendarMissing } : {}),
  });
  await ports.registrations.move(
    registrationId,
    move(now, { name: 'reviewOpened', detail: `deadline ${toCstIso(deadline)}` }),
  );
  return { opened: true };
}

/** The examiner's deadline passed: the task is marked escalated (it heads the supervisors' list) and waits again. */
export async function escalateReview(ports: Deps, registrationId: string) {
  const record = await ports.registrations.get(registrationId);
  const now = ports.clock.now();
  if (record) {
    await ports.humanTasks.update(
      humanTaskIds.review(registrationId, record.reviewRound),
      'escalatedAt',
      now.toISOString(),
    );
    await ports.registrations.move(registrationId, move(now, 'escalated'));
  }
  return {
    outcome: 'review' as const,
    escalated: true,
    reviewTimeoutSeconds: reviewTimeoutSeconds(now, ports.settings.reviewPeriod),
  };
}

/** The applicant is asked to supplement (补正): by the materials check, or by the examiner. */
export async function openSupplement(
  ports: Deps,
  registrationId: string,
  token: string,
  requestedBy: SupplementRequester,
  found: { reasons?: Reason[] | undefined; detail?: string | undefined } = {},
) {
  const record = await loadRegistration(ports, registrationId);
  const now = ports.clock.now();
  await ports.humanTasks.open({
    taskId: humanTaskIds.supplement(registrationId, record.reviewRound, requestedBy),
    kind: 'supplement',
    registrationId,
    round: record.reviewRound,
    queue: ownerPartition(record),
    subject: { name: record.name, entityType: record.entityType },
    token,
    createdAt: now.toISOString(),
  });
  const examinerReason = requestedBy === 'examiner' ? record.decision?.reason : undefined;
  const reasons = examinerReason
    ? [reason('changes-requested', 'block', '', examinerReason, examinerReason)]
    : (found.reasons ?? []);
  const steps =
    requestedBy === 'materials'
      ? [
          { name: 'materialsIncomplete' as const, detail: found.detail },
          { name: 'supplementRequested' as const, detail: requestedBy },
        ]
      : [{ name: 'supplementRequested' as const, detail: requestedBy }];
  await ports.registrations.move(registrationId, move(now, ...steps), reasons.length ? { reasons } : {});
  await ports.notifications.notify(changesRequestedNotice(record, requestedBy, now));
  return { opened: true };
}
