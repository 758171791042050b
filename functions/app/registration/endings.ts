/**
 * The two ways a registration ends early: refused (by validation, the rules, an examiner, or an overdue
 * supplement), and undone after a failure (compensation). Either way the reservation comes back in the
 * same write that ends the case, so whoever sees the end finds the name theirs again.
 */
import { rejectedNotice } from '#domain/notices';
import { move } from '#domain/registration/lifecycle';
import { reason } from '#domain/registration/types';
import type { Ports } from '#ports/ports';
import { closeOpenTasks } from './applicant-actions.ts';
import { afterRelease } from './give-back.ts';
import { loadRegistration } from './load.ts';

type Deps = Pick<
  Ports,
  | 'registrations'
  | 'creditCodes'
  | 'enterprises'
  | 'humanTasks'
  | 'notifications'
  | 'workflows'
  | 'nameIndex'
  | 'clock'
>;

export type RejectionCause = 'decision' | 'supplement-overdue';

export async function rejectRegistration(
  ports: Deps & Pick<Ports, 'metrics'>,
  registrationId: string,
  cause: RejectionCause,
) {
  const record = await loadRegistration(ports, registrationId);
  const now = ports.clock.now();
  const overdue = reason(
    'supplement-overdue',
    'block',
    'materials',
    '逾期未补正材料',
    'The materials were not supplemented in time',
  );
  const set = cause === 'supplement-overdue' ? { reasons: [...(record.reasons ?? []), overdue] } : {};
  const release = await ports.registrations.release(
    record,
    now,
    move(now, { name: 'rejected', detail: cause }),
    set,
  );
  // Counted by the write that moved the case: a task run again finds it moved and counts nothing.
  if (release.moved) ports.metrics.count('Registrations', { outcome: 'rejected' });
  await closeOpenTasks(ports, record, 'rejected', now);
  await ports.notifications.notify(rejectedNotice(record, now));
  await afterRelease(ports, release);
  return { rejected: true };
}

/** After a failure past the reservation: no code or enterprise left half made, the reservation back. */
export async function compensateRegistration(ports: Deps, registrationId: string) {
  const record = await loadRegistration(ports, registrationId);
  const now = ports.clock.now();
  const enterprise = record.creditCode ? await ports.enterprises.get(record.creditCode) : undefined;
  if (record.creditCode && !enterprise) await ports.creditCodes.void(record.id, record.creditCode, now);
  const failed = reason(
    'processing-failed',
    'block',
    '',
    '系统处理失败，已撤回本次登记，名称保留已恢复',
    'Processing failed; this registration was undone and the name reservation restored',
  );
  const ended = move(now, 'compensated');
  // An enterprise that exists keeps its name: only a case that made none gives the reservation back.
  if (enterprise) await ports.registrations.move(record.id, ended, { reasons: [failed] });
  else
    await afterRelease(ports, await ports.registrations.release(record, now, ended, { reasons: [failed] }));
  await closeOpenTasks(ports, record, 'failed', now);
  return { voidedCode: Boolean(record.creditCode && !enterprise), restored: !enterprise };
}
