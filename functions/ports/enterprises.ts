import type { EnterpriseRecord, NameCorrection, OutboxEvent } from '#domain/enterprise';
import type { Move } from '#domain/registration/lifecycle';
import type { NameLockKey } from '#domain/reservation';
import type { Notice } from './notifications.ts';

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

export interface EnterpriseStore {
  get(creditCode: string): Promise<EnterpriseRecord | undefined>;
  /**
   * The enterprise, its event in the outbox, the name lock handed over, the registration registered and
   * its owner told, in one transaction: no enterprise exists without its event. `already` when it exists.
   */
  register(plan: EnterpriseRegistration): Promise<'created' | 'already'>;
  /** An enterprise registered before this registry (seeds): once, whatever the number of loads. */
  seed(enterprise: EnterpriseRecord): Promise<void>;
  /** Records an authority's order; false when an order is already pending. */
  orderNameCorrection(creditCode: string, order: NameCorrection): Promise<boolean>;
}
