/**
 * A person's records sit under their verified identity (PERSON#<idHash>) and, for records made before
 * they were verified or by them without verification, under their sub (OWNER#<sub>). Listing reads both
 * partitions of the byOwner index, merges them newest first, and keeps each one's position in the cursor.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '#ports/page';
import { dynamoDocumentClient } from './clients.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export { ownerPartition } from '#domain/caller';

type Position = Record<string, Record<string, unknown> | null>;

export async function listOwnedItems<T>(options: {
  table: string;
  owner: { sub: string; idHash?: string };
  /** The sort-key prefix of this kind of record in the byOwner index (`RES#`, `NOTE#`). */
  prefix: string;
  cursorKind: string;
  cursor: string | undefined;
  limit: number;
  toRecord: (item: Record<string, unknown>) => T;
  db?: ReturnType<typeof dynamoDocumentClient>;
}): Promise<Page<T>> {
  const db = options.db ?? dynamoDocumentClient();
  const partitions = [
    `OWNER#${options.owner.sub}`,
    ...(options.owner.idHash ? [`PERSON#${options.owner.idHash}`] : []),
  ];
  const positions = decodeCursor<Position>(options.cursorKind, options.cursor) ?? {};
  const pages = await Promise.all(
    partitions
      .filter((p) => positions[p] !== null)
      .map(async (partition) => {
        const out = await db.send(
          new QueryCommand({
            TableName: options.table,
            IndexName: 'byOwner',
            KeyConditionExpression: 'gsi1pk = :p AND begins_with(gsi1sk, :prefix)',
            ExpressionAttributeValues: { ':p': partition, ':prefix': options.prefix },
            ScanIndexForward: false,
            Limit: options.limit,
            ExclusiveStartKey: positions[partition] ?? undefined,
          }),
        );
        return { partition, items: out.Items ?? [], last: out.LastEvaluatedKey };
      }),
  );
  const merged = pages
    .flatMap((p) => p.items.map((item) => ({ item, partition: p.partition })))
    .sort((a, b) => (String(a.item.gsi1sk) < String(b.item.gsi1sk) ? 1 : -1))
    .slice(0, options.limit);
  const next: Position = { ...positions };
  for (const p of pages) {
    const taken = merged.filter((m) => m.partition === p.partition);
    const lastTaken = taken.at(-1)?.item;
    next[p.partition] =
      taken.length < p.items.length && lastTaken
        ? { pk: lastTaken.pk, sk: lastTaken.sk, gsi1pk: lastTaken.gsi1pk, gsi1sk: lastTaken.gsi1sk }
        : ((p.last as Record<string, unknown> | undefined) ?? null);
  }
  const more = partitions.some((p) => next[p] !== null && next[p] !== undefined);
  return {
    items: merged.map((m) => options.toRecord(m.item)),
    nextCursor: more ? encodeCursor(options.cursorKind, next) : null,
  };
}
