/**
 * The name-reservation workflow's steps. Each is idempotent: running it twice does what running it once
 * did, so an execution interrupted by a crash can start again from the beginning with its input.
 */
import { reservationExecutionName } from '#contract/executions';
import { NAME_RESERVATION_WORKFLOW } from '#contract/workflows';
import { exactSpanMs } from '#domain/legal-time';
import { reservationIndexing } from '#domain/names/index-entries';
import { expiredReservationNotice, expiringReservationNotice } from '#domain/notices';
import { planWake, type WakePlan } from '#domain/reservation';
import type { Ports } from '#ports/ports';
import { reservationStart } from '#ports/start-ledger';

type Deps = Pick<
  Ports,
  'reservations' | 'nameIndex' | 'notifications' | 'workflows' | 'startLedger' | 'clock' | 'settings'
>;

/**
 * The reserved name goes into the similarity index, so later checks see it. The workflow runs, so the
 * start the reservation owed it is settled (ports/start-ledger.ts), whatever the reservation's status.
 */
export async function indexReservedName(
  ports: Pick<Deps, 'reservations' | 'nameIndex' | 'startLedger'>,
  reservationId: string,
): Promise<{ indexed: boolean }> {
  const record = await ports.reservations.get(reservationId);
  if (!record) return { indexed: false };
  const indexing = record.status === 'reserved' ? reservationIndexing(record) : undefined;
  await Promise.all([
    ports.startLedger.settle(reservationStart(record)),
    indexing && ports.nameIndex.add(record.lock.scope, indexing.member, indexing.entries),
  ]);
  return { indexed: indexing !== undefined };
}

export async function planReservationWake(
  ports: Deps,
  reservationId: string,
  generationStartedAt: Date,
): Promise<WakePlan> {
  const record = await ports.reservations.get(reservationId);
  const lead = exactSpanMs(ports.settings.reminderLead, 'NAME_RESERVATION_REMINDER_LEAD');
  return planWake(record, ports.clock.now(), generationStartedAt, lead);
}

export async function remindHolder(ports: Deps, reservationId: string): Promise<{ reminded: boolean }> {
  const record = await ports.reservations.get(reservationId);
  if (record?.status !== 'reserved') return { reminded: false };
  const now = ports.clock.now();
  // The notice first, then the mark: a crash between them repeats a notice that is recorded once.
  await ports.notifications.notify(expiringReservationNotice(record, now));
  await ports.reservations.markReminded(record.id, now);
  return { reminded: true };
}

export async function expireReservation(ports: Deps, reservationId: string) {
  const record = await ports.reservations.get(reservationId);
  if (record?.status !== 'reserved') return { expired: false, status: record?.status ?? 'missing' };
  const now = ports.clock.now();
  const expired = await ports.reservations.settle(record, 'expired', now);
  if (expired) await ports.notifications.notify(expiredReservationNotice(record, now));
  return { expired, status: expired ? 'expired' : (await ports.reservations.get(reservationId))?.status };
}

/** A settled reservation leaves the similarity index. */
export async function unindexName(ports: Deps, reservationId: string): Promise<{ unindexed: boolean }> {
  const record = await ports.reservations.get(reservationId);
  if (!record || record.status === 'reserved') return { unindexed: false };
  const { entries } = reservationIndexing(record);
  await ports.nameIndex.remove(record.lock.scope, record.id, entries);
  return { unindexed: true };
}

/** Continues as a new execution, well before Step Functions' one-year limit on one. */
export async function continueReservation(ports: Deps, reservationId: string, generation: number) {
  const next = generation + 1;
  const name = reservationExecutionName(reservationId, next);
  await ports.workflows.start(NAME_RESERVATION_WORKFLOW.name, name, {
    reservationId,
    generation: next,
    generationStartedAt: ports.clock.now().toISOString(),
  });
  return { executionId: name };
}
