/**
 * Submitting a registration, online or at a bank counter: the answers that must come at once (the
 * reservation is not the applicant's: 404; not reserved: 409), then the workflow carries the case.
 */
import { registrationExecutionName } from '#contract/executions';
import { REGISTRATION_WORKFLOW } from '#contract/workflows';
import type { Caller } from '#domain/caller';
import { owns } from '#domain/caller';
import { ConflictError, NotFoundError } from '#domain/errors';
import { materialConditionsOf } from '#domain/registration/catalogue';
import { timelineEntry } from '#domain/registration/lifecycle';
import { maskApplication, type RegistrationRecord } from '#domain/registration/record';
import type { RegistrationApplication } from '#domain/registration/types';
import type { Ports } from '#ports/ports';

export type Channel =
  | { kind: 'online' }
  | { kind: 'bank'; branchId: string; bankIntakeId: string; applicantIdHash: string };

type Deps = Pick<Ports, 'registrations' | 'workflows' | 'sealer' | 'clock' | 'ids'>;

/** Online: the caller's own reservation. At the bank: one held for the applicant at the counter. */
async function heldReservation(
  ports: Deps,
  caller: Caller,
  reservationId: string,
  channel: Channel,
  now: Date,
) {
  const reservation = await ports.registrations.getReservation(reservationId);
  const mine =
    reservation &&
    (channel.kind === 'online'
      ? owns(caller, reservation)
      : reservation.ownerIdHash === channel.applicantIdHash);
  if (!reservation || !mine) throw new NotFoundError('reservation');
  if (reservation.status !== 'reserved')
    throw new ConflictError('reservation-not-reserved', `the reservation is ${reservation.status}`);
  // From submission on the registration holds the name, so it must be submitted within the period.
  if (Date.parse(reservation.expiresAt) <= now.getTime())
    throw new ConflictError('reservation-not-reserved', 'the reservation has expired');
  return reservation;
}

export async function submitRegistration(
  ports: Deps,
  caller: Caller,
  application: RegistrationApplication,
  channel: Channel,
): Promise<RegistrationRecord> {
  const now = ports.clock.now();
  const reservation = await heldReservation(ports, caller, application.reservationId, channel, now);
  const record: RegistrationRecord = {
    id: ports.ids.newId(now),
    channel: channel.kind,
    ...(channel.kind === 'bank' ? { branchId: channel.branchId, bankIntakeId: channel.bankIntakeId } : {}),
    ownerSub: caller.sub,
    ...(channel.kind === 'bank'
      ? { ownerIdHash: channel.applicantIdHash }
      : caller.idHash
        ? { ownerIdHash: caller.idHash }
        : {}),
    reservationId: reservation.id,
    name: reservation.name,
    authority: reservation.division,
    authorityScope: reservation.lock.scope,
    nameLock: reservation.lock,
    tradeName: reservation.tradeName,
    industry: reservation.industry,
    entityType: application.entityType,
    materialConditions: materialConditionsOf(application),
    status: 'submitted',
    timeline: [timelineEntry('submission', 'received', now, channel.kind)],
    sealedApplication: await ports.sealer.seal(JSON.stringify(application)),
    summary: maskApplication(application),
    materials: [...application.materials],
    reviewRound: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (!(await ports.registrations.create(record))) {
    throw new ConflictError(
      'reservation-not-reserved',
      'the reservation is already used by another registration',
    );
  }
  await ports.workflows.start(REGISTRATION_WORKFLOW.name, registrationExecutionName(record.id), {
    registrationId: record.id,
  });
  return record;
}
