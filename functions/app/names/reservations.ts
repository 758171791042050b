/**
 * Name reservations: reserve (the conditional write that says "yours" or "taken", then the workflow that
 * carries the reservation through time), list, read and release. One module, one aggregate.
 */

import { reservationExecutionName } from '#contract/executions';
import { NAME_RESERVATION_WORKFLOW } from '#contract/workflows';
import type { Caller } from '#domain/caller';
import { owns, servesBranch } from '#domain/caller';
import type { EntityType } from '#domain/entity-types';
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from '#domain/errors';
import { checkResidentId, identityHash } from '#domain/identity';
import { reservationIndexing } from '#domain/names/index-entries';
import { asOf, holderOf, type ReservationRecord, reservationExpiry } from '#domain/reservation';
import type { Page } from '#ports/page';
import type { Ports } from '#ports/ports';
import { applyRules, conflictsWith } from './check-name.ts';

export interface ReservationRequest {
  name: string;
  division: string;
  entityType: EntityType;
  preApprovalRequired: boolean;
  holder?: { name: string; idNumber: string } | undefined;
}

type Deps = Pick<Ports, 'reservations' | 'workflows' | 'clock' | 'ids' | 'settings'>;

/** A clerk reserves for the person at the counter, whose identity number must be valid. */
function holderFor(caller: Caller, holder: ReservationRequest['holder']) {
  if (caller.role !== 'bank_clerk') return undefined;
  if (!holder)
    throw new ValidationError('a clerk reserves for the person at the counter', [
      { path: 'body.holder', message: 'required from a bank clerk' },
    ]);
  const id = checkResidentId(holder.idNumber);
  if (!id.valid)
    throw new ValidationError('the holder identity number is not valid', [
      { path: 'body.holder.idNumber', message: id.reason },
    ]);
  return { name: holder.name, idHash: identityHash(holder.idNumber) };
}

export async function reserveName(
  ports: Deps,
  caller: Caller,
  request: ReservationRequest,
): Promise<ReservationRecord> {
  const holder = holderFor(caller, request.holder);
  const rules = applyRules(request.name, request.division, request.entityType);
  if (rules.findings.some((f) => f.severity === 'block'))
    throw new RuleViolation('name-refused', 'the naming rules refuse this name', {
      findings: rules.findings,
    });
  const now = ports.clock.now();
  const record: ReservationRecord = {
    id: ports.ids.newId(now),
    name: request.name,
    division: request.division,
    entityType: request.entityType,
    status: 'reserved',
    tradeName: rules.parts.tradeName,
    industry: rules.parts.industry,
    lock: rules.key,
    ...holderOf(caller, holder),
    preApprovalRequired: request.preApprovalRequired,
    reservedAt: now.toISOString(),
    expiresAt: reservationExpiry(
      now,
      request.preApprovalRequired,
      ports.settings.reservationPeriods,
    ).toISOString(),
    ruleVersion: rules.ruleVersion,
  };
  const outcome = await ports.reservations.reserve(record);
  if (!outcome.reserved) {
    const held = { holders: outcome.heldBy ? [outcome.heldBy] : [], members: [] };
    throw new ConflictError('name-taken', 'an identical name is already registered or reserved', {
      findings: conflictsWith(rules, request.division, held, now),
    });
  }
  await ports.workflows.start(NAME_RESERVATION_WORKFLOW.name, reservationExecutionName(record.id, 0), {
    reservationId: record.id,
    generation: 0,
    generationStartedAt: now.toISOString(),
  });
  return record;
}

/** The caller's reservations, each as it stands now (`expired` past its period: asOf). */
export async function listReservations(
  ports: Pick<Ports, 'reservations' | 'clock'>,
  caller: Caller,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ReservationRecord>> {
  const page = await ports.reservations.listOwned(
    { sub: caller.sub, ...(caller.idHash ? { idHash: caller.idHash } : {}) },
    cursor,
    limit,
  );
  const now = ports.clock.now();
  return { ...page, items: page.items.map((r) => asOf(r, now)) };
}

/**
 * The caller's own reservation as it stands now: past its period it reads `expired` even while its
 * workflow (late after a restart) has yet to record it.
 */
export async function readReservation(
  ports: Pick<Ports, 'reservations' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<ReservationRecord> {
  return asOf(await ownReservation(ports, caller, id), ports.clock.now());
}

/** The caller's own reservation, as stored; anyone else's reads as missing (404, never 403). */
export async function ownReservation(
  ports: Pick<Ports, 'reservations'>,
  caller: Caller,
  id: string,
): Promise<ReservationRecord> {
  const record = await ports.reservations.get(id);
  if (!record || !(owns(caller, record) || servesBranch(caller, record)))
    throw new NotFoundError('reservation');
  return record;
}

export async function releaseReservation(
  ports: Pick<Ports, 'reservations' | 'nameIndex' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<ReservationRecord> {
  const record = await ownReservation(ports, caller, id);
  if (!(await ports.reservations.settle(record, 'released', ports.clock.now()))) {
    const now = await ports.reservations.get(record.id);
    if (now?.status === 'reserved' && now.registrationId)
      throw new ConflictError('reservation-held', 'a submitted registration holds this reservation');
    throw new ConflictError('not-reserved', `the reservation is ${now?.status ?? 'gone'}, not reserved`);
  }
  // Out of the similarity index at once; the workflow does it again, idempotently, when it next wakes.
  const { entries } = reservationIndexing(record);
  await ports.nameIndex.remove(record.lock.scope, record.id, entries);
  return { ...record, status: 'released' };
}
