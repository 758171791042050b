/** What an applicant (or the clerk who took the case) does to a running case: supplement, withdraw. */
import { registrationExecutionName } from '#contract/executions';
import { REGISTRATION_WORKFLOW } from '#contract/workflows';
import type { Caller } from '#domain/caller';
import { owns } from '#domain/caller';
import { ConflictError } from '#domain/errors';
import { maySupplement } from '#domain/registration/access';
import { humanTaskIds, move } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';
import type { Ports } from '#ports/ports';
import { visibleRegistration } from './follow.ts';
import { afterRelease } from './give-back.ts';

/** 补正: materials added while changes are requested; the workflow checks them again. */
export async function supplementRegistration(
  ports: Pick<Ports, 'registrations' | 'humanTasks' | 'workflows' | 'clock'>,
  caller: Caller,
  id: string,
  added: readonly string[],
): Promise<RegistrationRecord> {
  const record = await visibleRegistration(ports, caller, id, maySupplement);
  if (record.status !== 'changes_requested')
    throw new ConflictError(
      'not-changes-requested',
      `the registration is ${record.status}; materials are supplemented only when changes are requested`,
    );
  const candidates = await Promise.all(
    (['materials', 'examiner'] as const).map((by) =>
      ports.humanTasks.get(humanTaskIds.supplement(record.id, record.reviewRound, by)),
    ),
  );
  const task = candidates.find((t) => t?.status === 'open');
  if (!task)
    throw new ConflictError('no-open-request', 'no request for changes is open on this registration');
  const now = ports.clock.now();
  // The supplement replaces what the check refused (another's, missing, or other bytes), and adds the rest.
  const refused = new Set(
    (record.reasons ?? [])
      .filter((r) => r.code === 'material-invalid')
      .map((r) => r.path.replace(/^materials\./, '')),
  );
  const materials = [...new Set([...record.materials.filter((m) => !refused.has(m)), ...added])];
  if (!(await ports.registrations.move(record.id, move(now, 'supplied'), { materials })))
    throw new ConflictError('not-changes-requested', 'the registration changed meanwhile; reload it');
  await ports.humanTasks.close(task.taskId, 'supplied', now);
  await ports.workflows.sendTaskSuccess(task.token, { supplied: materials.length });
  return { ...record, status: 'checking', materials };
}

/** Withdrawn before a decision: the execution stops, open tasks close, the reservation comes back. */
export async function withdrawRegistration(
  ports: Pick<Ports, 'registrations' | 'humanTasks' | 'workflows' | 'nameIndex' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<RegistrationRecord> {
  const record = await visibleRegistration(ports, caller, id, owns);
  const now = ports.clock.now();
  // The reservation goes back in the same write that says `withdrawn`.
  const release = await ports.registrations.release(record, now, move(now, 'withdrawn'));
  if (!release.moved) {
    const status = (await ports.registrations.get(record.id))?.status;
    throw new ConflictError(
      'already-decided',
      `the registration is ${status}; it can no longer be withdrawn`,
    );
  }
  await ports.workflows.stop(
    REGISTRATION_WORKFLOW.name,
    registrationExecutionName(record.id),
    'withdrawn by the applicant',
  );
  // Nobody is to act on the case any more: its open review or supplement leaves the queues.
  await closeOpenTasks(ports, record, 'withdrawn', now);
  // The reservation given back returns to its own lifecycle (reminder, expiry).
  await afterRelease(ports, release);
  return { ...record, status: 'withdrawn' };
}

/** Every human task the case may have open in its round, closed (none is an error). */
export async function closeOpenTasks(
  ports: Pick<Ports, 'humanTasks'>,
  record: Pick<RegistrationRecord, 'id' | 'reviewRound'>,
  why: string,
  at: Date,
): Promise<void> {
  await Promise.all(
    humanTaskIds.ofRound(record.id, record.reviewRound).map((t) => ports.humanTasks.close(t, why, at)),
  );
}
