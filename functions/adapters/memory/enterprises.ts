/**
 * The in-memory twin of the enterprise store: a registration's completion (enterprise, outbox event, name
 * lock handed over, registration registered, owner told) is one write; its outbox can be inspected.
 */

import type { EnterpriseRecord, NameCorrection, OutboxEvent } from '#domain/enterprise';
import type { EnterpriseNameChange, EnterpriseRegistration, EnterpriseStore } from '#ports/enterprises';
import type { Notice } from '#ports/notifications';
import { enterpriseHolder } from '#ports/reservations';
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
  slotHolder,
} from './registry.ts';
import { MemoryStartLedger } from './start-ledger.ts';

export class MemoryEnterpriseStore implements EnterpriseStore {
  constructor(
    private readonly registry: MemoryRegistry,
    /** Where a corrected name owes its license reissue (the ports' shared ledger, when given). */
    private readonly ledger: MemoryStartLedger = new MemoryStartLedger(),
  ) {}

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
    setHolder(this.registry, lock.key, enterpriseHolder(enterprise, lock));
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

  async orderNameCorrection(creditCode: string, order: NameCorrection, notice: Notice): Promise<boolean> {
    const found = this.registry.enterprises.get(creditCode);
    // A missing enterprise fails the same condition as a pending order: the caller checked it exists.
    if (!found || (found.nameCorrection && !found.nameCorrection.correctedAt)) return false;
    found.nameCorrection = clone(order);
    putNotice(this.registry, notice);
    return true;
  }

  async changeName(change: EnterpriseNameChange): Promise<'changed' | 'conflict'> {
    const { enterprise, expected, event, lock, formerLock } = change;
    const found = this.registry.enterprises.get(enterprise.creditCode);
    const reservation = this.registry.reservations.get(change.reservation.id);
    // Every condition of the one transaction, before anything changes.
    const holds =
      found?.name === expected.name &&
      found.eventSeq === expected.eventSeq &&
      found.status === 'active' &&
      Boolean(found.nameCorrection) &&
      !found.nameCorrection?.correctedAt &&
      reservation?.status === 'reserved' &&
      !reservation.registrationId &&
      Date.parse(reservation.expiresAt) > Date.parse(change.reservation.at) &&
      heldBy(this.registry, lock.key, change.reservation.id) &&
      (!formerLock || heldBy(this.registry, formerLock.key, enterprise.creditCode));
    if (!holds || !found || !reservation) return 'conflict';
    if (this.outbox(event.creditCode).some((e) => e.seq === event.seq))
      throw new Error(`outbox event ${event.creditCode}#${event.seq} exists`);
    found.name = enterprise.name;
    found.nameCorrection = clone(enterprise.nameCorrection);
    found.eventSeq = enterprise.eventSeq;
    this.registry.outbox.set(event.creditCode, [...this.outbox(event.creditCode), clone(event)]);
    reservation.status = 'consumed';
    reservation.settledAt = change.reservation.at;
    if (formerLock) {
      const former = slotHolder(this.registry, formerLock.key)!;
      setHolder(this.registry, formerLock.key, { ...former, status: 'changed', endedOn: formerLock.endedOn });
    }
    setHolder(this.registry, lock.key, enterpriseHolder(enterprise, lock));
    this.ledger.owe(change.start);
    return 'changed';
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
