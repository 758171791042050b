/**
 * The in-memory twin of the registrations store: a registration, the hold it keeps on its reservation,
 * and every status change as a lifecycle `Move`, each multi-item write checked whole before it is made;
 * creating one owes its workflow's start, which consuming or giving back its reservation settles.
 */
import type { Move } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';
import type { ReservationRecord } from '#domain/reservation';
import type { Owner, Page } from '#ports/page';
import type { Consumption, RegistrationStore, Release } from '#ports/registrations';
import { registrationStart } from '#ports/start-ledger';
import { ownedBy, pageOf } from './paging.ts';
import {
  allowed,
  applyMove,
  clone,
  freeLock,
  type MemoryRegistry,
  type StoredRegistration,
} from './registry.ts';
import { MemoryStartLedger } from './start-ledger.ts';

export class MemoryRegistrationStore implements RegistrationStore {
  constructor(
    private readonly registry: MemoryRegistry,
    private readonly ledger: MemoryStartLedger = new MemoryStartLedger(),
  ) {}

  async create(record: RegistrationRecord): Promise<boolean> {
    const reservation = this.registry.reservations.get(record.reservationId);
    // Checked first, as the Dynamo transaction reports it first: a repeated create answers false.
    if (reservation?.status !== 'reserved' || reservation.registrationId !== undefined) return false;
    if (Date.parse(reservation.expiresAt) <= Date.parse(record.createdAt)) return false;
    if (this.registry.registrations.has(record.id)) throw new Error(`registration ${record.id} exists`);
    reservation.registrationId = record.id;
    this.registry.registrations.set(record.id, clone(record));
    // In the same write, as the Dynamo transaction: the workflow start recordRegistration makes next.
    this.ledger.owe(registrationStart(record));
    return true;
  }

  async get(id: string): Promise<RegistrationRecord | undefined> {
    const found = this.registry.registrations.get(id);
    return found ? clone(found) : undefined;
  }

  async listOwned(
    owner: Owner,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<RegistrationRecord>> {
    const mine = [...this.registry.registrations.values()].filter((r) => ownedBy(owner, r));
    return pageOf(mine, (r) => `REG#${r.createdAt}#${r.id}`, {
      kind: 'registrations',
      cursor,
      limit,
      order: 'newest',
    });
  }

  async move(id: string, move: Move, set?: Record<string, unknown>): Promise<boolean> {
    const found = this.registry.registrations.get(id);
    if (!found || !allowed(found, move)) return false;
    applyMove(found, move, set);
    return true;
  }

  async consumeReservation(reg: RegistrationRecord, at: Date, move: Move): Promise<Consumption> {
    const stored = this.stored(reg.id);
    const reservation = this.registry.reservations.get(reg.reservationId);
    if (!reservation || reservation.registrationId !== reg.id) return 'unavailable';
    if (reservation.status === 'consumed') {
      // A repeated task: the consumption and its move were made together, once.
      return 'already';
    }
    // No expiry check: a reservation held by a submitted registration cannot lapse while it is decided.
    if (reservation.status !== 'reserved') return 'unavailable';
    if (!allowed(stored, move))
      throw new Error(`registration ${reg.id} is ${stored.status}: the move to ${move.to} is not allowed`);
    reservation.status = 'consumed';
    reservation.settledAt = at.toISOString();
    applyMove(stored, move);
    // A step of its workflow runs: the start the registration owed is made.
    this.ledger.forget(registrationStart(reg));
    return 'consumed';
  }

  async release(
    reg: RegistrationRecord,
    at: Date,
    move: Move,
    set?: Record<string, unknown>,
  ): Promise<Release> {
    const stored = this.registry.registrations.get(reg.id);
    if (!stored || !allowed(stored, move)) return { moved: false };
    const reservation = this.registry.reservations.get(reg.reservationId);
    applyMove(stored, move, set);
    // The case has ended: a start its creation still owed must not be made any more.
    this.ledger.forget(registrationStart(reg));
    if (reservation?.registrationId !== reg.id) return { moved: true };
    const lapsed = Date.parse(reservation.expiresAt) <= at.getTime();
    // An expired reservation's lock was freed when it expired; freeing it again could free another's.
    if (lapsed && reservation.status !== 'expired') freeLock(this.registry, reservation.lock, reservation.id);
    reservation.status = lapsed ? 'expired' : 'reserved';
    delete reservation.registrationId;
    return { moved: true, reservation: clone(reservation) };
  }

  async getReservation(id: string): Promise<ReservationRecord | undefined> {
    const found = this.registry.reservations.get(id);
    return found ? clone(found) : undefined;
  }

  /** A step on a registration that does not exist is a bug in the caller, not an answer. */
  private stored(id: string): StoredRegistration {
    const found = this.registry.registrations.get(id);
    if (!found) throw new Error(`registration ${id} does not exist`);
    return found;
  }
}
