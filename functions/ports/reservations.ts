import type { NameLockKey, ReservationRecord, ReservationStatus } from '#domain/reservation';
import type { Owner, Page } from './page.ts';

/** Who holds a name lock, as the store reports it on a conflict. */
export interface LockHolder {
  kind: 'reservation' | 'enterprise';
  id: string;
  name: string;
  /** `reserved`, `registered`, or `changed` for an enterprise's former name (kept for a year: `endedOn`). */
  status: string;
  /** The legal date an enterprise's former name ended on (status `changed`). */
  endedOn?: string;
  industryClass?: string | null;
  /** Simplified trade name and industry word (absent on locks written before they were recorded). */
  trade?: string;
  industry?: string | null;
}

/** The holder a name lock gets when it passes to an enterprise (registration, name change): the name registered. */
export function enterpriseHolder(
  enterprise: { creditCode: string; name: string },
  lock: { key: Pick<NameLockKey, 'industryClass'>; tradeName: string; industry: string | null },
): LockHolder & { industryClass: string | null } {
  return {
    kind: 'enterprise',
    id: enterprise.creditCode,
    name: enterprise.name,
    status: 'registered',
    industryClass: lock.key.industryClass,
    trade: lock.tradeName,
    industry: lock.industry,
  };
}

export type ReserveOutcome = { reserved: true } | { reserved: false; heldBy: LockHolder | undefined };

export type { Page } from './page.ts';

export interface ReservationStore {
  /** Writes the reservation and takes the name lock atomically; exactly one of concurrent callers wins. */
  reserve(record: ReservationRecord): Promise<ReserveOutcome>;
  get(id: string): Promise<ReservationRecord | undefined>;
  /** The reservations of a sub, and of a verified person when `idHash` is given, newest first. */
  listOwned(owner: Owner, cursor: string | undefined, limit: number): Promise<Page<ReservationRecord>>;
  /** Notes that the holder was reminded; false when already done. */
  markReminded(id: string, at: Date): Promise<boolean>;
  /** Moves a `reserved` reservation to `to` and frees its lock; false when it was no longer reserved (or, for expiry, not yet due). */
  settle(record: ReservationRecord, to: Exclude<ReservationStatus, 'reserved'>, at: Date): Promise<boolean>;
  /** Records an existing enterprise's name in its lock (seeding); idempotent. */
  holdForEnterprise(
    lock: NameLockKey,
    enterprise: { creditCode: string; name: string; tradeName: string; industry: string | null },
  ): Promise<'held' | 'already'>;
}
