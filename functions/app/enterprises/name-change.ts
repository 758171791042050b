/**
 * Filing the corrected name: the completion of an authority's order (enterprises.ts). The enterprise's
 * owner files a name they reserved for it, which the name rules must find available now (no examiner
 * looks at a correction, so a similar name is refused, not referred); one transaction consumes the
 * reservation, hands its name lock to the enterprise, marks the old name's lock `changed`, changes the
 * name, marks the correction made and writes `enterprise.changed` at the next event sequence, with the
 * license reissue it owes. Then the name index follows (as at registration), and the license-reissue
 * workflow starts: rendering and signing a license is a task's work, not an API function's
 * (docs/decisions/0013-e-license.md). A repeated filing of the same reservation converges on the change
 * made.
 */

import type { Caller } from '#domain/caller';
import { owns } from '#domain/caller';
import { disclosureOf, type EnterpriseRecord } from '#domain/enterprise';
import type { EntityType } from '#domain/entity-types';
import { ConflictError, NotFoundError } from '#domain/errors';
import { cstDate } from '#domain/legal-time';
import { assertNameChangeAllowed, assertNameClear, nameChange } from '#domain/name-change';
import { asChanged, indexEntriesOf, memberOf } from '#domain/names/index-entries';
import type { NameLockKey, ReservationRecord } from '#domain/reservation';
import type { Ports } from '#ports/ports';
import { licenseReissueStart } from '#ports/start-ledger';
import { applyRules, conflictsWith } from '../names/check-name.ts';

type Deps = Pick<Ports, 'enterprises' | 'reservations' | 'nameIndex' | 'workflows' | 'startLedger' | 'clock'>;

/** Another write (an event of the enterprise, a use of the reservation) came first this many times. */
const ATTEMPTS = 3;

async function ownRecords(ports: Deps, caller: Caller, creditCode: string, reservationId: string) {
  const enterprise = await ports.enterprises.get(creditCode);
  if (!enterprise || !owns(caller, enterprise)) throw new NotFoundError('enterprise');
  const reservation = await ports.reservations.get(reservationId);
  if (!reservation || !owns(caller, reservation)) throw new NotFoundError('reservation');
  return { enterprise, reservation };
}

/** Whether the enterprise holds the lock of its old name (a seeded name may never have had one). */
async function holdsLock(ports: Pick<Ports, 'nameIndex'>, key: NameLockKey, creditCode: string) {
  const { holders } = await ports.nameIndex.lookup(key, { pairs: [] });
  return holders.some((h) => h.id === creditCode && (h.industryClass ?? null) === key.industryClass);
}

/**
 * The rules' findings on the reserved name now, as at registration (registration/checks.ts `decide`), among
 * the names that are neither the reservation's own nor the enterprise's (its name shown by code, its former
 * ones): one batch read.
 */
async function findingsOn(
  ports: Pick<Ports, 'nameIndex'>,
  enterprise: EnterpriseRecord,
  reservation: ReservationRecord,
  now: Date,
) {
  const rules = applyRules(reservation.name, reservation.division, reservation.entityType as EntityType);
  const found = await ports.nameIndex.lookup(rules.key, indexEntriesOf(rules.parts));
  const mine = (id: string, creditCode?: string) =>
    id === reservation.id || id === enterprise.creditCode || creditCode === enterprise.creditCode;
  const others = {
    holders: found.holders.filter((h) => !mine(h.id)),
    members: found.members.filter((m) => !mine(m.id, m.creditCode)),
  };
  return [...rules.findings, ...conflictsWith(rules, reservation.division, others, now)];
}

export async function fileCorrectedName(
  ports: Deps,
  caller: Caller,
  creditCode: string,
  reservationId: string,
) {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { enterprise, reservation } = await ownRecords(ports, caller, creditCode, reservationId);
    const made = enterprise.nameCorrection;
    if (made?.correctedAt && made.reservationId === reservationId && made.formerName)
      return followUp(ports, enterprise, reservation, made.formerName, made.correctedAt);
    const now = ports.clock.now();
    assertNameChangeAllowed(enterprise, reservation, now);
    assertNameClear(await findingsOn(ports, enterprise, reservation, now));
    const change = nameChange(enterprise, reservation, now);
    const former = applyRules(enterprise.name, enterprise.registrationAuthority).key;
    const outcome = await ports.enterprises.changeName({
      enterprise: change.enterprise,
      expected: { name: enterprise.name, eventSeq: enterprise.eventSeq },
      event: change.event,
      reservation: { id: reservation.id, at: now.toISOString() },
      lock: { key: reservation.lock, tradeName: reservation.tradeName, industry: reservation.industry },
      ...((await holdsLock(ports, former, creditCode))
        ? { formerLock: { key: former, endedOn: change.endedOn } }
        : {}),
      start: licenseReissueStart({ creditCode, reservationId, at: now.toISOString() }),
    });
    if (outcome === 'changed')
      return followUp(ports, change.enterprise, reservation, enterprise.name, now.toISOString());
  }
  throw new ConflictError(
    'enterprise-changing',
    'the enterprise or the reservation kept changing: try again',
  );
}

/**
 * What follows the committed change, each step idempotent (a repeated filing runs them again): the index
 * shows the new name registered in the reservation's place and keeps the old one as `changed` (it still
 * refuses an identical name for a year; the public search no longer shows it), and the reissue starts.
 */
async function followUp(
  ports: Deps,
  enterprise: EnterpriseRecord,
  reservation: ReservationRecord,
  formerName: string,
  correctedAt: string,
) {
  const { creditCode } = enterprise;
  const endedOn = cstDate(new Date(correctedAt));
  const old = applyRules(formerName, enterprise.registrationAuthority);
  const oldPairs = indexEntriesOf(old.parts).pairs;
  const parts = {
    region: null,
    regionDivision: null,
    tradeName: reservation.tradeName,
    industry: reservation.industry,
    industryClass: reservation.lock.industryClass,
    organizationForm: null,
  };
  const newPairs = indexEntriesOf(parts).pairs;
  const changed = asChanged(
    memberOf(creditCode, formerName, old.parts, 'registered', { creditCode }),
    creditCode,
    reservation.id,
    endedOn,
  );
  // Where both names meet in one entry, the bare credit code becomes the new name's: the old one is added.
  const shared = oldPairs.filter((p) => newPairs.includes(p));
  await ports.nameIndex.replace(old.scope, creditCode, changed, {
    pairs: oldPairs.filter((p) => !shared.includes(p)),
  });
  await ports.nameIndex.add(old.scope, changed, { pairs: shared });
  const current = memberOf(creditCode, enterprise.name, parts, 'registered', { creditCode });
  await ports.nameIndex.replace(reservation.lock.scope, reservation.id, current, { pairs: newPairs });
  const start = licenseReissueStart({ creditCode, reservationId: reservation.id, at: correctedAt });
  await ports.workflows.start(start.workflow, start.executionName, start.input);
  await ports.startLedger.settle(start);
  return { ...disclosureOf(enterprise), formerName, licenseReissue: 'started' as const };
}
