import type { EnterpriseRecord, NameCorrection, OutboxEvent } from '#domain/enterprise';
import type { Move } from '#domain/registration/lifecycle';
import type { NameLockKey } from '#domain/reservation';
import type { Notice } from './notifications.ts';
import type { OwedStart } from './start-ledger.ts';

/** Everything a registration's completion writes, at once (the transactional outbox). */
export interface EnterpriseRegistration {
  enterprise: EnterpriseRecord;
  event: OutboxEvent;
  /** The name lock handed from the reservation to the enterprise. */
  lock: { key: NameLockKey; reservationId: string; tradeName: string; industry: string | null };
  /** The registration's move to `registered`. */
  registration: { id: string; move: Move };
  notice: Notice;
}

/** Everything filing a corrected name writes, at once (the transactional outbox). */
export interface EnterpriseNameChange {
  /** The enterprise as it becomes: its name, its correction made, its event sequence one on. */
  enterprise: EnterpriseRecord;
  /** Its name and event sequence as read: the write fails if either moved meanwhile. */
  expected: { name: string; eventSeq: number };
  /** `enterprise.changed`, at the new event sequence. */
  event: OutboxEvent;
  /**
   * The reservation consumed, whose name lock passes to the enterprise (as at registration): only while it
   * is reserved, held by no registration, and its period has not ended at `at`.
   */
  reservation: { id: string; at: string };
  lock: { key: NameLockKey; tradeName: string; industry: string | null };
  /**
   * The old name's lock, when the enterprise holds it: kept, its holder marked `changed` on `endedOn`,
   * so an identical name stays refused (domain.md: a name changed less than a year ago still blocks).
   */
  formerLock?: { key: NameLockKey; endedOn: string };
  /** The license reissue the change owes, recorded with it and swept if its start is lost. */
  start: OwedStart;
}

export interface EnterpriseStore {
  get(creditCode: string): Promise<EnterpriseRecord | undefined>;
  /**
   * The enterprise, its event in the outbox, the name lock handed over, the registration registered and
   * its owner told, in one transaction: no enterprise exists without its event. `already` when it exists.
   */
  register(plan: EnterpriseRegistration): Promise<'created' | 'already'>;
  /** An enterprise registered before this registry (seeds): once, whatever the number of loads. */
  seed(enterprise: EnterpriseRecord): Promise<void>;
  /** Records an authority's order and the notice to the owner, in one write; false when an order is already pending. */
  orderNameCorrection(creditCode: string, order: NameCorrection, notice: Notice): Promise<boolean>;
  /**
   * The corrected name, in one transaction: the enterprise, its event, the reservation consumed, the new
   * name's lock handed over, the old one marked changed, the start owed. `conflict` when the enterprise,
   * the reservation or a lock moved meanwhile (read again and decide).
   */
  changeName(change: EnterpriseNameChange): Promise<'changed' | 'conflict'>;
}
