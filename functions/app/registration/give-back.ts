/**
 * A reservation a registration gave back (withdrawn, rejected, undone) returns to its own lifecycle:
 * reserved again, it gets a workflow that reminds and expires it (its first one ended when it was
 * consumed); expired meanwhile, its name leaves the similarity index.
 */
import { restoredReservationExecutionName } from '#contract/executions';
import { NAME_RESERVATION_WORKFLOW } from '#contract/workflows';
import { reservationIndexing } from '#domain/names/index-entries';
import type { Ports } from '#ports/ports';
import type { Release } from '#ports/registrations';

export async function afterRelease(
  ports: Pick<Ports, 'workflows' | 'nameIndex' | 'clock'>,
  release: Release,
): Promise<void> {
  const reservation = release.reservation;
  if (!reservation) return;
  const now = ports.clock.now();
  if (reservation.status === 'reserved') {
    await ports.workflows.start(
      NAME_RESERVATION_WORKFLOW.name,
      restoredReservationExecutionName(reservation.id, now),
      { reservationId: reservation.id, generation: 0, generationStartedAt: now.toISOString() },
    );
    return;
  }
  const { entries } = reservationIndexing(reservation);
  await ports.nameIndex.remove(reservation.lock.scope, reservation.id, entries);
}
