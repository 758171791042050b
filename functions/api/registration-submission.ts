/**
 * Submitting a registration, online or at a bank counter: the answers that must come at once (the
 * reservation is not the applicant's: 404; not reserved: 409), then the workflow carries the case.
 */
import type { z } from 'zod';
import { DynamoRegistrationStore } from '#adapters/dynamo-registrations';
import { newId } from '#adapters/ids';
import { defaultSealer } from '#adapters/sealer';
import { StepFunctionsEngine } from '#adapters/step-functions';
import type { RegistrationRequest } from '#api/schemas/registration';
import type { Caller } from '#domain/caller';
import { owns } from '#domain/caller';
import { ConflictError, NotFoundError } from '#domain/errors';
import { maskApplication, type RegistrationRecord, timelineEntry } from '#domain/registration/record';
import type { RegistrationApplication } from '#domain/registration/types';
import { systemClock } from '#ports/clock';
import type { Sealer } from '#ports/sealer';
import type { WorkflowEngine } from '#ports/workflows';
import { registrationExecutionName } from '#workflows/executions';
import { REGISTRATION_WORKFLOW } from '#workflows/registry';

export interface SubmissionDeps {
  registrations: DynamoRegistrationStore;
  engine: WorkflowEngine;
  sealer: Sealer;
}

let deps: SubmissionDeps | undefined;

/** Built on first use; the sealer only when a route seals (only those routes have the key in AWS). */
export function submissionDeps(): SubmissionDeps {
  if (deps) return deps;
  let sealer: Sealer | undefined;
  deps = {
    registrations: new DynamoRegistrationStore(),
    engine: new StepFunctionsEngine(),
    get sealer() {
      sealer ??= defaultSealer();
      return sealer;
    },
  };
  return deps;
}

export type Channel =
  | { kind: 'online' }
  | { kind: 'bank'; branchId: string; bankIntakeId: string; applicantIdHash: string };

export async function submitRegistration(
  caller: Caller,
  body: z.output<typeof RegistrationRequest>,
  channel: Channel,
): Promise<RegistrationRecord> {
  const { registrations, engine, sealer } = submissionDeps();
  const reservation = await registrations.getReservation(body.reservationId);
  // Online: the caller's own reservation. At the bank: one held for the applicant at the counter.
  const mine =
    reservation &&
    (channel.kind === 'online'
      ? owns(caller, reservation)
      : reservation.ownerIdHash === channel.applicantIdHash);
  if (!reservation || !mine) throw new NotFoundError('reservation');
  if (reservation.status !== 'reserved')
    throw new ConflictError('reservation-not-reserved', `the reservation is ${reservation.status}`);
  const now = systemClock.now();
  const application = body as RegistrationApplication;
  const record: RegistrationRecord = {
    id: newId(now.getTime()),
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
    entityType: body.entityType,
    status: 'submitted',
    timeline: [timelineEntry('submission', 'received', now, channel.kind)],
    sealedApplication: await sealer.seal(JSON.stringify(application)),
    summary: maskApplication(application),
    materials: [...body.materials],
    reviewRound: 0,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if (!(await registrations.create(record))) {
    throw new ConflictError(
      'reservation-not-reserved',
      'the reservation is already used by another registration',
    );
  }
  await engine.start(REGISTRATION_WORKFLOW.name, registrationExecutionName(record.id), {
    registrationId: record.id,
  });
  return record;
}

/** What an owner, a clerk, an examiner or an operator sees: no identity number, no sealed data. */
export function registrationView(r: RegistrationRecord) {
  return {
    id: r.id,
    status: r.status,
    channel: r.channel,
    name: r.name,
    entityType: r.entityType,
    reservationId: r.reservationId,
    timeline: r.timeline,
    ...(r.reasons?.length ? { reasons: r.reasons } : {}),
    ...(r.decision ? { decision: r.decision } : {}),
    ...(r.creditCode && r.status === 'registered'
      ? { creditCode: r.creditCode, licenseUrl: `/v1/licenses/${r.creditCode}` }
      : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
