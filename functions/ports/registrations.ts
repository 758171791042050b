import type { Move } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';
import type { ReservationRecord } from '#domain/reservation';
import type { Owner, Page } from './page.ts';

export interface Release {
  moved: boolean;
  reservation?: ReservationRecord;
}

/** What a consumption found: done now, done before by this registration, or not possible. */
export type Consumption = 'consumed' | 'already' | 'unavailable';

/**
 * Registrations, and the hold each keeps on its name reservation. Every status change is a `Move` of the
 * lifecycle (domain/registration/lifecycle.ts), written with its timeline entries and effects at once.
 */
export interface RegistrationStore {
  /** Writes the registration and marks its reservation as held by it; false when the reservation is not free. */
  create(record: RegistrationRecord): Promise<boolean>;
  get(id: string): Promise<RegistrationRecord | undefined>;
  listOwned(owner: Owner, cursor: string | undefined, limit: number): Promise<Page<RegistrationRecord>>;
  /** Makes the move and sets `set`; false when the registration was not in one of `move.from`. */
  move(id: string, move: Move, set?: Record<string, unknown>): Promise<boolean>;
  /**
   * Consumes the reservation the registration holds and makes the move, in one write. `unavailable`
   * (nothing written) when the reservation is no longer reserved for it.
   */
  consumeReservation(reg: RegistrationRecord, at: Date, move: Move): Promise<Consumption>;
  /**
   * Gives the reservation back (reserved again while its period lasts, else expired and its lock freed)
   * and makes the move, in one write: whoever sees the case ended finds the name theirs again. `moved`
   * is false when the registration was not in one of `move.from`; `reservation` is the reservation as
   * this call gave it back (absent when it did not: a repeat, or one held by no registration).
   */
  release(reg: RegistrationRecord, at: Date, move: Move, set?: Record<string, unknown>): Promise<Release>;
  getReservation(id: string): Promise<ReservationRecord | undefined>;
}
