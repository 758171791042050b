/**
 * The in-memory twin of the enterprise store: a registration's completion (enterprise, outbox event, name
 * lock handed over, registration registered, owner told) is one write; its outbox can be inspected.
 */
import type { EnterpriseRecord, NameCorrection, OutboxEvent } from '#domain/enterprise';
import type { EnterpriseRegistration, EnterpriseStore } from '#ports/enterprises';
import {
  allowed,
  applyMove,
  clone,
  heldBy,
  type LicenseRequest,
  type MemoryRegistry,
  putNotice,
  type StoredRegistration,
  setHolder,
} from './registry.ts';

export class MemoryEnterpriseStore implements EnterpriseStore {
  constructor(private readonly registry: MemoryRegistry) {}

  async get(creditCode: string): Promise<EnterpriseRecord | undefined> {
    const found = this.registry.enterprises.get(creditCode);
    return found ? clone(found) : undefined;
  }

  async register(plan: EnterpriseRegistration): Promise<'created' | 'already'> {
    const { enterprise, event, lock } = plan;
    if (this.registry.enterprises.has(enterprise.creditCode)) return 'already';
    const reg = this.checked(plan);
    this.registry.enterprises.set(enterprise.creditCode, clone(enterprise));
    this.registry.outbox.set(event.creditCode, [...this.outbox(event.creditCode), clone(event)]);
    setHolder(this.registry, lock.key, {
      kind: 'enterprise',
      id: enterprise.creditCode,
      name: enterprise.name,
      status: 'registered',
      industryClass: lock.key.industryClass,
      trade: lock.tradeName,
      industry: lock.industry,
    });
    applyMove(reg, plan.registration.move, { enterpriseCreated: true });
    putNotice(this.registry, plan.notice);
    this.registry.licenseRequests.set(enterprise.creditCode, {
      creditCode: enterprise.creditCode,
      registrationId: reg.id,
      requestedAt: event.occurredAt,
      status: 'requested',
    });
    return 'created';
  }

  async seed(enterprise: EnterpriseRecord): Promise<void> {
    if (!this.registry.enterprises.has(enterprise.creditCode))
      this.registry.enterprises.set(enterprise.creditCode, clone(enterprise));
  }

  async orderNameCorrection(creditCode: string, order: NameCorrection): Promise<boolean> {
    const found = this.registry.enterprises.get(creditCode);
    // A missing enterprise fails the same condition as a pending order: the caller checked it exists.
    if (!found || (found.nameCorrection && !found.nameCorrection.correctedAt)) return false;
    found.nameCorrection = clone(order);
    return true;
  }

  /** Inspection: the enterprise's events in the outbox, in the order they were written. */
  outbox(creditCode: string): OutboxEvent[] {
    return clone(this.registry.outbox.get(creditCode) ?? []);
  }

  /** Inspection: the license request written with the enterprise, for the e-license issuance. */
  licenseRequest(creditCode: string): LicenseRequest | undefined {
    const found = this.registry.licenseRequests.get(creditCode);
    return found ? clone(found) : undefined;
  }

  /**
   * The other conditions of the one write. Any failing means the workflow is off its lifecycle (no
   * code claimed, the lock lost, the case moved on): a bug, thrown as the failed transaction would be.
   */
  private checked(plan: EnterpriseRegistration): StoredRegistration {
    const { enterprise, event, lock, registration } = plan;
    const reg = this.registry.registrations.get(registration.id);
    if (!reg) throw new Error(`registration ${registration.id} does not exist`);
    if (reg.creditCode !== enterprise.creditCode)
      throw new Error(`registration ${reg.id} does not hold credit code ${enterprise.creditCode}`);
    if (!allowed(reg, registration.move))
      throw new Error(
        `registration ${reg.id} is ${reg.status}: the move to ${registration.move.to} is not allowed`,
      );
    if (!heldBy(this.registry, lock.key, lock.reservationId))
      throw new Error(`the name lock is not held by reservation ${lock.reservationId}`);
    if (this.outbox(event.creditCode).some((e) => e.seq === event.seq))
      throw new Error(`outbox event ${event.creditCode}#${event.seq} exists`);
    return reg;
  }
}
