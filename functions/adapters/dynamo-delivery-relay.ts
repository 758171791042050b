/**
 * The relay's one write (ports/deliveries.ts `record`): per recipient its pair (conditioned on the cursor
 * the plan was made from), its department's inbox head (conditioned on n), the inbox entry and the id
 * pointer; and the outbox item marked relayed. Any condition failing cancels all: the caller plans again.
 * The department's webhook, read with the pairs and heads, decides whether the entry waits to be pushed
 * or is left to the inbox at once (delivery-order.ts `relayedStatus`).
 * Beside it, the reads the relay and the cloud's delivery queue make: an outbox event, a pair's queue.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '#domain/enterprise';
import { pairKey } from '#domain/push/sequence';
import type { Delivery, OutboxEntry, RelayRecord } from '#ports/deliveries';
import { conditionFailed } from './conditions.ts';
import { inboxPosition, relayedStatus, statusTime } from './delivery-order.ts';
import { webhookOf } from './dynamo-webhooks.ts';
import { keys } from './keys.ts';

type Item = Record<string, unknown>;

/**
 * The attribute of an inbox entry naming its (department, enterprise) pair: the cloud's delivery pipe
 * takes it as the FIFO message group (infra/cloud/push-stack.ts), so each pair is delivered in order.
 */
export const PAIR_ATTRIBUTE = 'pair';

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

/**
 * The inbox heads only give positions: the plan rests on the pairs' cursors alone. A transaction refused
 * only because another relay took a department's next position first (or met it in flight) is made again
 * at once with the heads read afresh, rather than sending the use case back to plan it all again (relays
 * of different enterprises run side by side, and every one of them moves the heads it delivers to).
 */
export async function recordRelay(
  db: DynamoDBDocumentClient,
  table: string,
  relay: RelayRecord,
): Promise<'recorded' | 'conflict'> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await recordOnce(db, table, relay);
    if (outcome !== 'heads') return outcome;
    if (attempt >= 10) return 'conflict';
    await sleep(Math.floor(Math.random() * 5 * attempt));
  }
}

/** Whether a cancelled transaction failed only at the given items (positions), or only met another. */
function onlyAt(error: unknown, indexes: ReadonlySet<number>): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const failed = (error.CancellationReasons ?? []).flatMap((r, i) =>
    r.Code && r.Code !== 'None' ? [{ i, code: r.Code }] : [],
  );
  return failed.length > 0 && failed.every((f) => f.code === 'TransactionConflict' || indexes.has(f.i));
}

async function recordOnce(
  db: DynamoDBDocumentClient,
  table: string,
  relay: RelayRecord,
): Promise<'recorded' | 'conflict' | 'heads'> {
  const departments = [...new Set(relay.deliveries.map((d) => d.department))];
  const read = await batchGet(db, table, [
    ...relay.deliveries.map((d) => keys.pushPair(d.department, d.creditCode)),
    ...departments.flatMap((d) => [keys.inboxHead(d), keys.webhook(d)]),
  ]);
  const at = relay.at.toISOString();
  const items: Item[] = [];
  const positional = new Set<number>();
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
    const hook = read.get(keys.webhook(d.department).pk);
    const status = relayedStatus(queue.length, hook ? webhookOf(hook).health : undefined);
    const delivery: Delivery = {
      ...d,
      position,
      sentAt,
      status,
      attempts: 0,
      ...(status === 'pending' ? { nextAttemptAt: sentAt } : {}),
    };
    const cursor = relay.after.get(pairKey(d.department, d.creditCode))!;
    items.push(
      {
        Put: {
          TableName: table,
          // Left to the inbox at once, a delivery never enters its pair's queue.
          Item: { ...pairKeyOf, ...cursor, queue: status === 'inbox' ? queue : [...queue, d.id] },
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
            [PAIR_ATTRIBUTE]: pairKey(d.department, d.creditCode),
            ttl: relay.expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: table,
          // Unacknowledged until the receipt removes it from the index (dynamo-delivery-state.ts).
          Item: {
            ...keys.delivery(d.id),
            department: d.department,
            position,
            gsi1pk: keys.unacknowledged(d.department),
            gsi1sk: position,
            ttl: relay.expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    );
    // The head and the entry at the position it gave: what another relay taking that position refuses.
    positional.add(items.length - 3).add(items.length - 2);
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
    if (onlyAt(error, positional)) return 'heads';
    if (conditionFailed(error) || (error as Error).name === 'TransactionCanceledException') return 'conflict';
    throw error;
  }
}

/** A pair's queue of unsettled delivery ids, head first (consistent read). */
export async function pairQueue(
  db: DynamoDBDocumentClient,
  table: string,
  department: string,
  creditCode: string,
): Promise<string[]> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: keys.pushPair(department, creditCode), ConsistentRead: true }),
  );
  return (Item?.queue as string[] | undefined) ?? [];
}

/** An outbox item as the registration (and every later change) wrote it, and its `delivery` mark. */
export async function readOutboxEvent(
  db: DynamoDBDocumentClient,
  table: string,
  creditCode: string,
  seq: number,
): Promise<OutboxEntry | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: keys.outbox(creditCode, seq), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const { id, type, occurredAt, recipients, data } = Item;
  const event: OutboxEvent = {
    id,
    type,
    seq: Item.seq,
    creditCode: Item.creditCode,
    occurredAt,
    recipients: recipients ?? [],
    data: data ?? {},
  };
  return { event, relayed: Item.delivery === 'relayed' };
}
