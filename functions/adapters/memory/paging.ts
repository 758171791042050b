/**
 * Lists over the in-memory maps, paged as the Dynamo adapters page theirs: the same sort keys, opaque
 * cursors tagged with the same list names (a cursor of another list is refused with the same 400).
 */
import { decodeCursor, encodeCursor } from '#adapters/cursor';
import { ValidationError } from '#domain/errors';
import type { Owner, Page } from '#ports/page';
import { clone } from './registry.ts';

export interface PageRequest {
  /** The list's cursor tag (`reservations`, `tasks-review`, …). */
  kind: string;
  cursor: string | undefined;
  limit: number;
  /** `newest` reads the sort key descending, as the listings with ScanIndexForward: false do. */
  order: 'newest' | 'oldest';
}

/** One page of `items` by `sortKey` (unique per item, as an index sort key with the id in it is). */
export function pageOf<T>(items: Iterable<T>, sortKey: (item: T) => string, request: PageRequest): Page<T> {
  if (!Number.isInteger(request.limit) || request.limit < 1)
    throw new RangeError('a page holds at least one item');
  const after = positionOf(request.kind, request.cursor);
  const newest = request.order === 'newest';
  const keyed = [...items].map((item) => ({ key: sortKey(item), item }));
  keyed.sort((a, b) => (a.key === b.key ? 0 : a.key < b.key === newest ? 1 : -1));
  const rest = after === undefined ? keyed : keyed.filter((e) => (newest ? e.key < after : e.key > after));
  const taken = rest.slice(0, request.limit);
  const last = taken.at(-1);
  return {
    items: taken.map((e) => clone(e.item)),
    nextCursor: rest.length > taken.length && last ? encodeCursor(request.kind, { after: last.key }) : null,
  };
}

function positionOf(kind: string, cursor: string | undefined): string | undefined {
  const position = decodeCursor<{ after?: unknown }>(kind, cursor);
  if (position === undefined) return undefined;
  if (typeof position.after !== 'string')
    throw new ValidationError('the cursor is not one this list gave out', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  return position.after;
}

/**
 * Whose record it is, as the byOwner index files it: under the verified person when the record has an
 * identity hash (then only that person lists it), else under the sub. Mirrors owner-listing.ts.
 */
export function ownedBy(
  owner: Owner,
  record: { ownerSub: string; ownerIdHash?: string | undefined },
): boolean {
  return record.ownerIdHash ? owner.idHash === record.ownerIdHash : record.ownerSub === owner.sub;
}
