/** Tasks of the name-reservation workflow: validate the state input, call the use case, return ids. */
import * as z from 'zod';
import {
  continueReservation,
  expireReservation,
  indexReservedName,
  planReservationWake,
  remindHolder,
  unindexName,
} from '#app/names/reservation-lifecycle';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

const ReservationRef = z.object({ reservationId: z.string().min(1).max(64) });
const GenerationRef = ReservationRef.extend({
  generation: z.number().int().min(0),
  generationStartedAt: z.iso.datetime(),
});

export function handlers(
  ports: Pick<
    Ports,
    'clock' | 'nameIndex' | 'notifications' | 'reservations' | 'settings' | 'startLedger' | 'workflows'
  >,
) {
  return {
    indexName: taskHandler('IndexReservedName', ReservationRef, (i) =>
      indexReservedName(ports, i.reservationId),
    ),
    planWake: taskHandler('PlanReservationWake', GenerationRef, (i) =>
      planReservationWake(ports, i.reservationId, new Date(i.generationStartedAt)),
    ),
    remind: taskHandler('RemindHolder', ReservationRef, (i) => remindHolder(ports, i.reservationId)),
    expire: taskHandler('ExpireReservation', ReservationRef, (i) =>
      expireReservation(ports, i.reservationId),
    ),
    unindexName: taskHandler('UnindexName', ReservationRef, (i) => unindexName(ports, i.reservationId)),
    continueAsNew: taskHandler(
      'ContinueReservation',
      GenerationRef.pick({ reservationId: true, generation: true }),
      (i) => continueReservation(ports, i.reservationId, i.generation),
    ),
  };
}
