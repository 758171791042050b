/**
 * Completing a name correction (企业名称登记管理规定 第二十三条): the authority ordered the registered name
 * corrected, and the enterprise's owner files a name they reserved for it. Decided here without I/O: who
 * may, with which reservation, and what the change is (the enterprise's new state and its
 * `enterprise.changed` event, the next in its outbox). The license is reissued after it (E-license).
 */
import type { EnterpriseRecord, OutboxEvent } from './enterprise.ts';
import { ConflictError, RuleViolation } from './errors.ts';
import { cstDate } from './legal-time.ts';
import { type Finding, verdictOf } from './names/finding.ts';
import { nameAvailability } from './registration/decision.ts';
import { asOf, type ReservationRecord } from './reservation.ts';

/** What departments are told changed: the catalogue's `changedFields` (seeds/departments/entitlements.json). */
export const NAME_FIELDS = ['name'] as const;

interface Reason {
  code: string;
  message: string;
}

/**
 * The refusals that do not depend on who asks (the caller's ownership of both records is checked before):
 * 409 for a state that may yet change, 422 for a reservation that can never fit this enterprise. A
 * reservation past its period at `now` is expired, whatever its workflow has recorded yet.
 */
export function assertNameChangeAllowed(
  enterprise: Pick<EnterpriseRecord, 'status' | 'nameCorrection' | 'registrationAuthority' | 'entityType'>,
  stored: Pick<ReservationRecord, 'status' | 'expiresAt' | 'registrationId' | 'division' | 'entityType'>,
  now: Date,
): void {
  const reservation = asOf(stored, now);
  if (enterprise.status !== 'active')
    throw new ConflictError('enterprise-not-active', `the enterprise is ${enterprise.status}`);
  if (!enterprise.nameCorrection || enterprise.nameCorrection.correctedAt)
    throw new ConflictError(
      'no-correction-ordered',
      'no name correction is ordered for this enterprise: a name is changed here only to correct one',
    );
  if (reservation.status !== 'reserved' || reservation.registrationId)
    throw new ConflictError(
      'reservation-not-reserved',
      reservation.registrationId
        ? 'a registration holds this reservation'
        : `the reservation is ${reservation.status}, not reserved`,
    );
  const reasons: Reason[] = [];
  if (reservation.division !== enterprise.registrationAuthority)
    reasons.push({
      code: 'other-authority',
      message: `the name is reserved at ${reservation.division}, the enterprise registered at ${enterprise.registrationAuthority}`,
    });
  if (reservation.entityType !== enterprise.entityType)
    reasons.push({
      code: 'other-entity-type',
      message: `the name is reserved for a ${reservation.entityType}, the enterprise is a ${enterprise.entityType}`,
    });
  if (reasons.length)
    throw new RuleViolation('name-unfit', 'the reserved name cannot be this enterprise’s', { reasons });
}

/**
 * The name as the rules find it at filing, against every name but the enterprise's own and the
 * reservation's. At registration a similar name goes to an examiner (registration/decision.ts); a
 * correction has no examiner, so only an `available` name is filed: anything else is refused with the
 * registration's reasons (`name-similar`, `name-unavailable`) and the findings behind them.
 */
export function assertNameClear(findings: readonly Finding[]): void {
  const reasons = nameAvailability(verdictOf(findings)).map((r) => ({ ...r, path: 'body.reservationId' }));
  if (reasons.length)
    throw new RuleViolation(
      'name-unfit',
      'the name check does not find the reserved name available, and a correction has no examiner: reserve another',
      { reasons, findings: findings.filter((f) => f.severity !== 'info') },
    );
}

export interface NameChange {
  /** The enterprise as it will be: the new name, the correction made, one more event. */
  enterprise: EnterpriseRecord;
  /** `enterprise.changed`, the enterprise's next event. */
  event: OutboxEvent;
  /** The legal date (Beijing) the old name ended on: an identical name stays refused for a year from it. */
  endedOn: string;
}

/**
 * The enterprise under the name of `reservation`, and the event that tells the departments. The
 * correction records the name it replaced and the reservation that made it: a repeated filing is
 * recognised by it, and the record says what the name was.
 */
export function nameChange(
  enterprise: EnterpriseRecord,
  reservation: Pick<ReservationRecord, 'id' | 'name'>,
  at: Date,
): NameChange {
  const seq = enterprise.eventSeq + 1;
  const changedOn = cstDate(at);
  const name = reservation.name;
  const nameCorrection = {
    ...enterprise.nameCorrection!,
    correctedAt: at.toISOString(),
    formerName: enterprise.name,
    reservationId: reservation.id,
  };
  const event: OutboxEvent = {
    id: `${enterprise.creditCode}-${seq}`,
    type: 'enterprise.changed',
    seq,
    creditCode: enterprise.creditCode,
    occurredAt: at.toISOString(),
    // Routed by the relay from the enterprise's type and registered scope (push/recipients.ts), as the
    // license events are: the change need not read the registration to know who receives it.
    recipients: [],
    data: {
      creditCode: enterprise.creditCode,
      name,
      entityType: enterprise.entityType,
      registrationAuthority: enterprise.registrationAuthority,
      establishedOn: enterprise.establishedOn,
      changedOn,
      changedFields: [...NAME_FIELDS],
    },
  };
  return { enterprise: { ...enterprise, name, nameCorrection, eventSeq: seq }, event, endedOn: changedOn };
}
