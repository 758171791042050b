/**
 * The in-memory twin of dynamo-registry-lists.ts: one entry per enterprise and list, read per enterprise
 * in list order and per list and authority in credit-code order, paged with the same cursors.
 */
import type { RegistryList, RegistryListEntry } from '#domain/deregistration/rules';
import type { RegistryListStore } from '#ports/deregistrations';
import type { Page } from '#ports/page';
import { pageOf } from './paging.ts';
import { clone } from './registry.ts';

type StoredEntry = RegistryListEntry & { authority: string };

const keyOf = (creditCode: string, list: string) => `${creditCode}#${list}`;

export class MemoryRegistryListStore implements RegistryListStore {
  private readonly entries = new Map<string, StoredEntry>();

  async entriesFor(creditCode: string): Promise<StoredEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.creditCode === creditCode)
      .sort((a, b) => (a.list < b.list ? -1 : a.list > b.list ? 1 : 0))
      .map(clone);
  }

  async list(
    list: RegistryList,
    authority: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<StoredEntry>> {
    const listed = [...this.entries.values()].filter((e) => e.list === list && e.authority === authority);
    return pageOf(listed, (e) => e.creditCode, {
      kind: `registry-list:${list}:${authority}`,
      cursor,
      limit,
      order: 'oldest',
    });
  }

  async put(entry: StoredEntry): Promise<void> {
    this.entries.set(keyOf(entry.creditCode, entry.list), clone(entry));
  }

  async remove(list: RegistryList, creditCode: string): Promise<boolean> {
    return this.entries.delete(keyOf(creditCode, list));
  }
}
