/**
 * The simple deregistrations and the registry's lists that their eligibility reads. A case and the
 * enterprise it closes move together: filing puts the enterprise `deregistering` (so two filings cannot
 * both proceed), an ending that is not a deregistration gives it back `active`, and every event for the
 * departments is written to the outbox in the same transaction as its state change.
 */

import type { Move } from '#domain/deregistration/lifecycle';
import type { DeregistrationRecord, Objection } from '#domain/deregistration/record';
import type { RegistryList, RegistryListEntry } from '#domain/deregistration/rules';
import type { OutboxEvent } from '#domain/enterprise';
import type { Notice } from './notifications.ts';
import type { Page } from './page.ts';

/** The enterprise's part of a case's write: its status and, where the departments are told, the event. */
export interface EnterpriseChange {
  creditCode: string;
  from: 'active' | 'deregistering';
  to: 'active' | 'deregistering' | 'deregistered';
  /** The enterprise's event at `expectedEventSeq + 1`, written to the outbox with the change. */
  event?: OutboxEvent;
  expectedEventSeq: number;
}

export interface DeregistrationStore {
  /**
   * The case and the enterprise `deregistering` in one write; `conflict` when the enterprise is not
   * `active` (another case holds it, or it is closed). Owes its workflow start (the start ledger).
   */
  create(record: DeregistrationRecord): Promise<'created' | 'conflict'>;
  get(id: string): Promise<DeregistrationRecord | undefined>;
  /**
   * A status move of the case, with what else it sets, the enterprise's change and a notice, in one
   * write; false when the case is not in one of the move's `from` statuses (or the enterprise moved).
   * A move from `checking` is the workflow's first step: it settles the start `create` owed, in the same
   * write. Every move drops the token the case waited on (unless `set` gives a new one), and a move to
   * `announced` lists the case among the open announcements until its next move.
   */
  move(
    id: string,
    move: Move,
    options?: { set?: Partial<DeregistrationRecord>; enterprise?: EnterpriseChange; notice?: Notice },
  ): Promise<boolean>;
  /** Keeps the callback token the workflow waits on; false when the case is not `status` any more. */
  await(
    id: string,
    status: DeregistrationRecord['status'],
    waiting: DeregistrationRecord['waiting'],
  ): Promise<boolean>;
  /** Adds an objection while the window is open at `at`; false when it is closed (or the case moved). */
  object(id: string, objection: Objection): Promise<boolean>;
  /** The announcements open at `at`, soonest end first. */
  openAnnouncements(at: Date, cursor: string | undefined, limit: number): Promise<Page<DeregistrationRecord>>;
}

export interface RegistryListStore {
  /** Every entry naming the enterprise, on any list: what eligibility reads (one query). */
  entriesFor(creditCode: string): Promise<RegistryListEntry[]>;
  list(
    list: RegistryList,
    authority: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<RegistryListEntry & { authority: string }>>;
  /** Adds or replaces the enterprise's entry on the list. */
  put(entry: RegistryListEntry & { authority: string }): Promise<void>;
  /** False when the enterprise was not on the list. */
  remove(list: RegistryList, creditCode: string): Promise<boolean>;
}
