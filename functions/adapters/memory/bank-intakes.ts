/** The in-memory twin of dynamo-bank-intakes.ts: a branch's intakes, newest first, and their custody. */
import type { BankIntake, BankIntakeStatus, CustodyEvent } from '#domain/bank-intake';
import type { BankIntakeStore } from '#ports/bank-intakes';
import type { Page } from '#ports/page';
import { pageOf } from './paging.ts';
import { applySet, clone, type MemoryRegistry } from './registry.ts';

export class MemoryBankIntakeStore implements BankIntakeStore {
  constructor(private readonly registry: MemoryRegistry) {}

  async create(intake: BankIntake): Promise<void> {
    // Ids are fresh: a second write of one is a bug, as the Dynamo put's failed condition is.
    if (this.registry.intakes.has(intake.id)) throw new Error(`bank intake ${intake.id} exists`);
    this.registry.intakes.set(intake.id, clone(intake));
  }

  async get(id: string): Promise<BankIntake | undefined> {
    const found = this.registry.intakes.get(id);
    return found ? clone(found) : undefined;
  }

  async listForBranch(
    branchId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<BankIntake>> {
    const mine = [...this.registry.intakes.values()].filter((i) => i.branchId === branchId);
    return pageOf(mine, (i) => `BANK#${i.createdAt}#${i.id}`, {
      kind: 'bank-intakes',
      cursor,
      limit,
      order: 'newest',
    });
  }

  async record(
    id: string,
    from: BankIntakeStatus,
    to: BankIntakeStatus,
    event: CustodyEvent,
    set?: Record<string, unknown>,
  ): Promise<boolean> {
    const found = this.registry.intakes.get(id);
    if (found?.status !== from) return false;
    found.status = to;
    found.custody.push(clone(event));
    applySet(found, set);
    return true;
  }
}
