/**
 * The public name search: registered and reserved names by trade name (simplified or traditional) or
 * pinyin, across every authority, from one batch read; a reserved name shows as reserved, no holder.
 */
import { ValidationError } from '#domain/errors';
import type { IndexMember } from '#domain/names/index-entries';
import type { Ports } from '#ports/ports';

export interface SearchPosition {
  q: string;
  offset: number;
}

export async function searchNames(
  ports: Pick<Ports, 'nameIndex'>,
  q: string,
  limit: number,
  position: SearchPosition | undefined,
): Promise<{ items: IndexMember[]; next: SearchPosition | null }> {
  if (position && position.q !== q) {
    throw new ValidationError('the cursor belongs to another search', [
      { path: 'query.cursor', message: `it continues a search for '${position.q}'` },
    ]);
  }
  const hits = (await ports.nameIndex.search(q))
    .filter((m) => m.status === 'registered' || m.status === 'reserved')
    .sort(
      (a, b) =>
        Number(b.trade === q) - Number(a.trade === q) ||
        a.status.localeCompare(b.status) ||
        a.name.localeCompare(b.name),
    );
  const offset = position?.offset ?? 0;
  const more = offset + limit < hits.length;
  return { items: hits.slice(offset, offset + limit), next: more ? { q, offset: offset + limit } : null };
}
