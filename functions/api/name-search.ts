/**
 * GET /v1/names/search: registered and reserved names by trade name (simplified or traditional) or
 * pinyin, across every authority. One batch read of the all-scopes index entries; a reserved name shows
 * as reserved, with no holder.
 */
import { decodeCursor, encodeCursor } from '#adapters/cursor';
import { DynamoNameIndex } from '#adapters/dynamo-name-index';
import { ValidationError } from '#domain/errors';
import { httpRoute, json } from '#http/route';
import type { NameIndex } from '#ports/name-index';
import { ROUTE } from '#shared/routes';

let index: NameIndex | undefined;

export const search = httpRoute(ROUTE.SearchNames, async ({ query }) => {
  index ??= new DynamoNameIndex();
  const position = decodeCursor<{ q: string; offset: number }>('name-search', query.cursor);
  if (position && position.q !== query.q) {
    throw new ValidationError('the cursor belongs to another search', [
      { path: 'query.cursor', message: `it continues a search for '${position.q}'` },
    ]);
  }
  const hits = (await index.search(query.q))
    .filter((m) => m.status === 'registered' || m.status === 'reserved')
    .sort(
      (a, b) =>
        Number(b.trade === query.q) - Number(a.trade === query.q) ||
        a.status.localeCompare(b.status) ||
        a.name.localeCompare(b.name),
    );
  const offset = position?.offset ?? 0;
  const page = hits.slice(offset, offset + query.limit);
  const more = offset + query.limit < hits.length;
  return json(200, {
    items: page.map((m) => ({
      name: m.name,
      status: m.status,
      ...(m.creditCode ? { creditCode: m.creditCode } : {}),
    })),
    nextCursor: more ? encodeCursor('name-search', { q: query.q, offset: offset + query.limit }) : null,
  });
});
