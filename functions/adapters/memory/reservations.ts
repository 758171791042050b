/**
 * The in-memory twin of dynamo-reservations.ts: a reservation and its name lock are taken together, and
 * one lock holds one holder per industry class (a holder without industry holds them all). The start
 * the reservation owes its workflow is recorded with it (start-ledger.ts).
 */
import type { NameLockKey, ReservationRecord, ReservationStatus } from '#domain/reservation';
import type { Owner, Page } from '#ports/page';
import type { LockHolder, ReservationStore, ReserveOutcome } from '#ports/reservations';
import { reservationStart } from '#ports/start-ledger';
import { ownedBy, pageOf } from './paging.ts';
import {
  clone,
  conflictOf,
  freeLock,
  holdersOf,
  type MemoryRegistry,
  type StoredHolder,
  setHolder,
  slotHolder,
} from './registry.ts';
import { MemoryStartLedger } from './start-ledger.ts';

export class MemoryReservationStore implements ReservationStore {
  constructor(
    private readonly registry: MemoryRegistry,
    private readonly ledger: MemoryStartLedger = new MemoryStartLedger(),
  ) {}

  async reserve(record: ReservationRecord): Promise<ReserveOutcome> {
    // Ids are fresh: a second write of one id is a bug, as the Dynamo put's failed condition is.
    if (this.registry.reservations.has(record.id)) throw new Error(`reservation ${record.id} exists`);
    const conflict = conflictOf(this.registry, record.lock);
    if (conflict) return { reserved: false, heldBy: clone(conflict) };
    this.registry.reservations.set(record.id, clone(record));
    setHolder(this.registry, record.lock, {
      kind: 'reservation',
      id: record.id,
      name: record.name,
      status: 'reserved',
      industryClass: record.lock.industryClass,
      trade: record.tradeName,
      industry: record.industry,
    });
    // With the reservation, as the Dynamo transaction writes it: the workflow start reserveName makes next.
    this.ledger.owe(reservationStart(record));
    return { reserved: true };
  }

  async get(id: string): Promise<ReservationRecord | undefined> {
    const found = this.registry.reservations.get(id);
    return found ? clone(found) : undefined;
  }

  async listOwned(owner: Owner, cursor: string | undefined, limit: number): Promise<Page<ReservationRecord>> {
    const mine = [...this.registry.reservations.values()].filter((r) => ownedBy(owner, r));
    return pageOf(mine, (r) => `RES#${r.reservedAt}#${r.id}`, {
      kind: 'reservations',
      cursor,
      limit,
      order: 'newest',
    });
  }

  async markReminded(id: string, at: Date): Promise<boolean> {
    const found = this.registry.reservations.get(id);
    if (!found || found.remindedAt) return false;
    found.remindedAt = at.toISOString();
    return true;
  }

  async settle(
    record: ReservationRecord,
    to: Exclude<ReservationStatus, 'reserved'>,
    at: Date,
  ): Promise<boolean> {
    const found = this.registry.reservations.get(record.id);
    if (found?.status !== 'reserved') return false;
    if (to === 'expired' && Date.parse(found.expiresAt) > at.getTime()) return false;
    // A reservation a registration holds is settled by that registration only (consumed, or given back).
    if (to !== 'consumed' && found.registrationId) return false;
    found.status = to;
    found.settledAt = at.toISOString();
    // A consumed name stays locked: the registration goes on to hand the lock to its enterprise.
    if (to !== 'consumed') freeLock(this.registry, found.lock, found.id);
    return true;
  }

  async holdForEnterprise(
    lock: NameLockKey,
    enterprise: { creditCode: string; name: string; tradeName: string; industry: string | null },
  ): Promise<'held' | 'already'> {
    // Only the class slot is checked, as the Dynamo condition does: seeds are taken as the record says.
    if (slotHolder(this.registry, lock)) return 'already';
    const holder: StoredHolder = {
      kind: 'enterprise',
      id: enterprise.creditCode,
      name: enterprise.name,
      status: 'registered',
      industryClass: lock.industryClass,
      trade: enterprise.tradeName,
      industry: enterprise.industry,
    };
    setHolder(this.registry, lock, holder);
    return 'held';
  }

  /** Inspection: who holds the lock of `key`, every class (what a name check reads). */
  holders(key: Pick<NameLockKey, 'scope' | 'tradeKey'>): LockHolder[] {
    return holdersOf(this.registry, key);
  }
}
