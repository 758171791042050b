/**
 * The relay's one write (ports/deliveries.ts `record`): per recipient its pair (conditioned on the cursor
 * the plan was made from), its department's inbox head (conditioned on n), the inbox entry and the id
 * pointer; and the outbox item marked relayed. Any condition failing cancels all: the caller plans again.
 */
import { BatchGetCommand, type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { pairKey } from '#domain/push/sequence';
import type { Delivery, RelayRecord } from '#ports/deliveries';
import { conditionFailed } from './conditions.ts';
import { inboxPosition, statusTime } from './delivery-order.ts';
import { keys } from './keys.ts';

type Item = Record<string, unknown>;

export const statusIndex = (d: Delivery) => ({
  gsi1pk: `DLV#${d.status}`,
  gsi1sk: `${statusTime(d)}#${d.id}`,
});

export async function batchGet(
  db: DynamoDBDocumentClient,
  table: string,
  keyList: Array<{ pk: string; sk: string }>,
): Promise<Map<string, Item>> {
  const out = new Map<string, Item>();
  for (let i = 0; i < keyList.length; i += 100) {
    let request: Record<string, { Keys: Item[]; ConsistentRead: boolean }> | undefined = {
      [table]: { Keys: keyList.slice(i, i + 100), ConsistentRead: true },
    };
    while (request && Object.keys(request).length > 0) {
      const answer = await db.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of answer.Responses?.[table] ?? []) out.set(item.pk as string, item);
      request = answer.UnprocessedKeys as typeof request;
    }
  }
  return out;
}

export async function recordRelay(
  db: DynamoDBDocumentClient,
  table: string,
  relay: RelayRecord,
): Promise<'recorded' | 'conflict'> {
  const departments = [...new Set(relay.deliveries.map((d) => d.department))];
  const read = await batchGet(db, table, [
    ...relay.deliveries.map((d) => keys.pushPair(d.department, d.creditCode)),
    ...departments.map((d) => keys.inboxHead(d)),
  ]);
  const at = relay.at.toISOString();
  const items: Item[] = [];
  for (const d of relay.deliveries) {
    const pairKeyOf = keys.pushPair(d.department, d.creditCode);
    const pair = read.get(pairKeyOf.pk);
    const before = relay.before.get(pairKey(d.department, d.creditCode));
    if ((pair?.outboxSeq ?? 0) !== (before?.outboxSeq ?? 0)) return 'conflict';
    const headKey = keys.inboxHead(d.department);
    const head = read.get(headKey.pk);
    const lastSentAt = (head?.lastSentAt as string | undefined) ?? '';
    const sentAt = at > lastSentAt ? at : lastSentAt;
    const n = ((head?.n as number | undefined) ?? 0) + 1;
    const queue = (pair?.queue as string[] | undefined) ?? [];
    const position = inboxPosition(sentAt, n);
    const delivery: Delivery = {
      ...d,
      position,
      sentAt,
      status: queue.length === 0 ? 'pending' : 'queued',
      attempts: 0,
      ...(queue.length === 0 ? { nextAttemptAt: sentAt } : {}),
    };
    const cursor = relay.after.get(pairKey(d.department, d.creditCode))!;
    items.push(
      {
        Put: {
          TableName: table,
          Item: { ...pairKeyOf, ...cursor, queue: [...queue, d.id] },
          // The queue read is the queue written over: a settle in between changes its size, and the
          // new delivery's status (pending at the head, queued behind) would be wrong, so that is a conflict.
          ConditionExpression: pair ? 'outboxSeq = :seen AND size(queue) = :len' : 'attribute_not_exists(pk)',
          ...(pair ? { ExpressionAttributeValues: { ':seen': pair.outboxSeq, ':len': queue.length } } : {}),
        },
      },
      {
        Put: {
          TableName: table,
          Item: { ...headKey, n, lastSentAt: sentAt },
          ConditionExpression: head ? 'n = :n' : 'attribute_not_exists(pk)',
          ...(head ? { ExpressionAttributeValues: { ':n': head.n } } : {}),
        },
      },
      {
        Put: {
          TableName: table,
          Item: {
            ...keys.inbox(d.department, position),
            ...delivery,
            ...statusIndex(delivery),
            ttl: relay.expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: table,
          Item: { ...keys.delivery(d.id), department: d.department, position, ttl: relay.expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    );
    // A second delivery to the same department in this relay: one event makes one per department.
    read.set(headKey.pk, { n, lastSentAt: sentAt });
  }
  items.push({
    Update: {
      TableName: table,
      Key: keys.outbox(relay.outbox.creditCode, relay.outbox.seq),
      UpdateExpression: 'SET delivery = :relayed, relayedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':relayed': 'relayed', ':at': at },
    },
  });
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items as never }));
    return 'recorded';
  } catch (error) {
    if (conditionFailed(error) || (error as Error).name === 'TransactionCanceledException') return 'conflict';
    throw error;
  }
}
