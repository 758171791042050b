/**
 * Submitting a registration, online or at a bank counter: the answers that must come at once (the
 * reservation is not the applicant's: 404; not reserved: 409; a rule decided without I/O refuses it: 422
 * with every finding), then the workflow carries the case. Nothing is written before those answers.
 */
import { registrationExecutionName } from '#contract/executions';
import { REGISTRATION_WORKFLOW } from '#contract/workflows';
import type { Caller } from '#domain/caller';
import { owns } from '#domain/caller';
import { ConflictError, NotFoundError, RuleViolation } from '#domain/errors';
import { cstDate } from '#domain/legal-time';
import { validateApplication } from '#domain/registration/application';
import { type MaterialCondition, materialConditionsOf } from '#domain/registration/catalogue';
import { timelineEntry } from '#domain/registration/lifecycle';
import { maskApplication, type RegistrationRecord } from '#domain/registration/record';
import type { Reason, RegistrationApplication } from '#domain/registration/types';
import type { ReservationRecord } from '#domain/reservation';
import type { Ports } from '#ports/ports';

export type Channel =
  | { kind: 'online' }
  | { kind: 'bank'; branchId: string; bankIntakeId: string; applicantIdHash: string };

type Deps = Pick<Ports, 'registrations' | 'workflows' | 'sealer' | 'clock' | 'ids'>;

/** Online: the caller's own reservation. At the bank: one held for the applicant at the counter. */
async function heldReservation(
  ports: Pick<Deps, 'registrations'>,
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

/** Where the application sits in the request that carries it: findings name the request's own paths. */
const APPLICATION_PATH: Readonly<Record<Channel['kind'], string>> = {
  online: 'body',
  bank: 'body.registration',
};

/** A submission every answer has been given for: what `recordRegistration` writes. */
export interface Admission {
  reservation: ReservationRecord;
  now: Date;
}

/**
 * The answers given at once, writing nothing: the reservation (404, 409), then every rule that needs no
 * store, judged on the day of submission in Beijing at the reservation's authority, with `more` findings
 * the caller decided (a bank intake's materials). Any `block` refuses the submission with all of them.
 */
export async function admitRegistration(
  ports: Pick<Deps, 'registrations' | 'clock'>,
  caller: Caller,
  application: RegistrationApplication,
  channel: Channel,
  more: readonly Reason[] = [],
): Promise<Admission> {
  const now = ports.clock.now();
  const reservation = await heldReservation(ports, caller, application.reservationId, channel, now);
  const reasons = [
    ...validateApplication(application, { establishedOn: cstDate(now), authority: reservation.division }),
    ...more,
  ].map((r) => ({ ...r, path: `${APPLICATION_PATH[channel.kind]}.${r.path}` }));
  if (reasons.some((r) => r.severity === 'block'))
    throw new RuleViolation(
      'application-refused',
      'the application cannot be registered as it stands; `reasons` lists every finding',
      { reasons },
    );
  // The warnings pass: the workflow runs these rules again and refers them to an examiner.
  return { reservation, now };
}

/** The conditions the checklist reads: the application's own, and an agent's filing at the bank. */
function conditionsOf(application: RegistrationApplication, channel: Channel): MaterialCondition[] {
  const own = materialConditionsOf(application);
  return channel.kind === 'bank' ? [...own, 'agent'] : own;
}

/** Writes the admitted case on its reservation and starts the workflow. */
export async function recordRegistration(
  ports: Deps,
  caller: Caller,
  application: RegistrationApplication,
  channel: Channel,
  { reservation, now }: Admission,
  requestKey?: string,
): Promise<RegistrationRecord> {
  const record: RegistrationRecord = {
    id: requestKey ? ports.ids.fromKey(requestKey) : ports.ids.newId(now),
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
    materialConditions: conditionsOf(application, channel),
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
  await startWorkflow(ports, record.id);
  return record;
}

/**
 * Submits a registration. With `requestKey` (the request's idempotency scope) the case's id is derived
 * from it: a retry after the first attempt died between its writes and its answer finds that case (202
 * with the same id, its workflow started if it was not) instead of a reservation already held.
 */
export async function submitRegistration(
  ports: Deps,
  caller: Caller,
  application: RegistrationApplication,
  channel: Channel,
  requestKey?: string,
): Promise<RegistrationRecord> {
  if (requestKey) {
    const earlier = await ports.registrations.get(ports.ids.fromKey(requestKey));
    if (earlier?.ownerSub === caller.sub && earlier.reservationId === application.reservationId) {
      await startWorkflow(ports, earlier.id);
      return earlier;
    }
  }
  const admission = await admitRegistration(ports, caller, application, channel);
  return recordRegistration(ports, caller, application, channel, admission, requestKey);
}

function startWorkflow(ports: Pick<Deps, 'workflows'>, registrationId: string) {
  return ports.workflows.start(REGISTRATION_WORKFLOW.name, registrationExecutionName(registrationId), {
    registrationId,
  });
}
