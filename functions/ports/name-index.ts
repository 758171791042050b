import type { IndexEntries, IndexMember } from '#domain/names/index-entries';
import type { NameLockKey } from '#domain/reservation';
import type { LockHolder } from './reservations.ts';

export interface IndexLookup {
  /** Who holds the candidate's lock (identical names). */
  holders: LockHolder[];
  /** Names sharing its pinyin or a two-character piece (similar names), deduplicated. */
  members: IndexMember[];
}

export interface NameIndex {
  /** Everything a name check needs, in one batch read. */
  lookup(lock: NameLockKey, entries: IndexEntries): Promise<IndexLookup>;
  /** Adds a name under its scope and under the all-scopes search entries; idempotent. */
  add(scope: string, member: IndexMember, entries: IndexEntries): Promise<void>;
  /**
   * Puts `member` in place of the member `formerId` in each entry (a reserved name now registered), or
   * adds it where the former one is not; idempotent.
   */
  replace(scope: string, formerId: string, member: IndexMember, entries: IndexEntries): Promise<void>;
  /** Removes a name (released, expired); idempotent. */
  remove(scope: string, memberId: string, entries: IndexEntries): Promise<void>;
  /** Public search by trade name (any script) or its pinyin, across every scope. */
  search(q: string): Promise<IndexMember[]>;
}
