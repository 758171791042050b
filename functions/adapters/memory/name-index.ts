/**
 * The in-memory twin of dynamo-name-index.ts: entries per (scope, syllable pair) capped at
 * INDEX_ENTRY_CAP members, every name also under the all-scopes entries for the public search, and the
 * lock's holders read with the entries, as the one batch read does.
 */
import {
  ALL_SCOPES,
  INDEX_ENTRY_CAP,
  type IndexEntries,
  type IndexMember,
} from '#domain/names/index-entries';
import { toSimplified } from '#domain/names/normalize';
import { segmentPinyin, syllablePairs, syllablesOf } from '#domain/names/syllables';
import type { NameLockKey } from '#domain/reservation';
import type { IndexLookup, NameIndex } from '#ports/name-index';
import { clone, holdersOf, type MemoryRegistry } from './registry.ts';

const entryIds = (scope: string, entries: IndexEntries) => entries.pairs.map((pair) => `${scope}#${pair}`);

export class MemoryNameIndex implements NameIndex {
  constructor(private readonly registry: MemoryRegistry) {}

  async lookup(lock: NameLockKey, entries: IndexEntries): Promise<IndexLookup> {
    return {
      holders: holdersOf(this.registry, lock),
      members: this.membersOf(entryIds(lock.scope, entries)),
    };
  }

  async add(scope: string, member: IndexMember, entries: IndexEntries): Promise<void> {
    for (const id of this.bothScopes(scope, entries)) this.addTo(id, member);
  }

  async replace(scope: string, formerId: string, member: IndexMember, entries: IndexEntries): Promise<void> {
    for (const id of this.bothScopes(scope, entries)) {
      const entry = this.registry.index.get(id);
      if (entry?.has(formerId)) {
        // In the former member's place: the entry's count does not change, so the cap cannot refuse it.
        entry.delete(formerId);
        entry.set(member.id, clone(member));
      } else this.addTo(id, member);
    }
  }

  async remove(scope: string, memberId: string, entries: IndexEntries): Promise<void> {
    for (const id of this.bothScopes(scope, entries)) {
      const entry = this.registry.index.get(id);
      entry?.delete(memberId);
      if (entry?.size === 0) this.registry.index.delete(id);
    }
  }

  async search(q: string): Promise<IndexMember[]> {
    const text = toSimplified(q.trim());
    const letters = /^[a-z]+$/i.test(text) ? text.toLowerCase() : undefined;
    const syllables = letters ? segmentPinyin(letters) : syllablesOf(text);
    if (!syllables || syllables.length === 0) return [];
    const members = this.membersOf(entryIds(ALL_SCOPES, { pairs: syllablePairs(syllables) }));
    return members.filter((m) => (letters ? m.pinyin.includes(letters) : m.trade.includes(text)));
  }

  /** Inspection: the members of one entry (`scope`, `pair`), in the order they were added. */
  entry(scope: string, pair: string): IndexMember[] {
    return [...(this.registry.index.get(`${scope}#${pair}`)?.values() ?? [])].map(clone);
  }

  private addTo(id: string, member: IndexMember): void {
    const entry = this.registry.index.get(id) ?? new Map<string, IndexMember>();
    // Already there (a repeat) or the entry is full: either way there is nothing to do.
    if (entry.has(member.id) || entry.size >= INDEX_ENTRY_CAP) return;
    entry.set(member.id, clone(member));
    this.registry.index.set(id, entry);
  }

  private bothScopes(scope: string, entries: IndexEntries): string[] {
    return [...new Set([...entryIds(scope, entries), ...entryIds(ALL_SCOPES, entries)])];
  }

  /** The members of these entries, deduplicated by id (a name sits in every entry of its pairs). */
  private membersOf(ids: string[]): IndexMember[] {
    const members = new Map<string, IndexMember>();
    for (const id of new Set(ids))
      for (const m of this.registry.index.get(id)?.values() ?? []) members.set(m.id, clone(m));
    return [...members.values()];
  }
}
