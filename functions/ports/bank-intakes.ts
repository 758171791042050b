import type { BankIntake, BankIntakeStatus, CustodyEvent } from '#domain/bank-intake';
import type { Page } from './page.ts';

export interface BankIntakeStore {
  create(intake: BankIntake): Promise<void>;
  get(id: string): Promise<BankIntake | undefined>;
  listForBranch(branchId: string, cursor: string | undefined, limit: number): Promise<Page<BankIntake>>;
  /** Appends to the chain of custody and moves the status; false when the intake was not in `from`. */
  record(
    id: string,
    from: BankIntakeStatus,
    to: BankIntakeStatus,
    event: CustodyEvent,
    set?: Record<string, unknown>,
  ): Promise<boolean>;
}
