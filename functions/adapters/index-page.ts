/**
 * One page of a byOwner partition in ascending sort-key order, paged as memory/paging.ts pages its maps:
 * the cursor holds the last sort key given (`{after}`), tagged with its list, so the twins' cursors are
 * alike. The query asks for one item more than the page: the last page says it is the last, instead of
 * handing out a cursor to an empty page as a bare `LastEvaluatedKey` would.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '#domain/errors';
import type { Page } from '#ports/page';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface IndexPageRequest<T> {
  db: DynamoDBDocumentClient;
  table: string;
  partition: string;
  /** Only sort keys strictly above this one (the open announcements: above the present instant). */
  above?: string;
  /** The list's cursor tag: a cursor of another list is refused with a 400. */
  kind: string;
  cursor: string | undefined;
  limit: number;
  toRecord: (item: Record<string, unknown>) => T;
}

export async function indexPage<T>(request: IndexPageRequest<T>): Promise<Page<T>> {
  const { limit } = request;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('a page holds at least one item');
  const after = afterOf(request.kind, request.cursor);
  const floor = [after, request.above]
    .filter((k) => k !== undefined)
    .sort()
    .at(-1);
  const { Items = [] } = await request.db.send(
    new QueryCommand({
      TableName: request.table,
      IndexName: 'byOwner',
      KeyConditionExpression: floor === undefined ? 'gsi1pk = :p' : 'gsi1pk = :p AND gsi1sk > :floor',
      ExpressionAttributeValues: {
        ':p': request.partition,
        ...(floor === undefined ? {} : { ':floor': floor }),
      },
      Limit: limit + 1,
    }),
  );
  const taken = Items.slice(0, limit);
  const last = taken.at(-1);
  return {
    items: taken.map(request.toRecord),
    nextCursor: Items.length > limit && last ? encodeCursor(request.kind, { after: last.gsi1sk }) : null,
  };
}

function afterOf(kind: string, cursor: string | undefined): string | undefined {
  const position = decodeCursor<{ after?: unknown }>(kind, cursor);
  if (position === undefined) return undefined;
  if (typeof position.after !== 'string')
    throw new ValidationError('the cursor is not one this list gave out', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  return position.after;
}
