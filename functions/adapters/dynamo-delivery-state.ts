/**
 * The writes that move a delivery on (ports/deliveries.ts): an attempt's new state (`update`), leaving
 * its pair's queue (`settle`), a receipt (`acknowledge`). Each keeps, in the same transaction, what the
 * operators' per-department view reads instead of the inbox:
 *
 *   PUSHCOUNT#<dept> / COUNT      `acknowledged` and `failed` (parked) counters, moved with ADD
 *   DELIVERY#<id> / DELIVERY      while unacknowledged, byOwner: UNACK#<dept> / <position> (sparse)
 *
 * A transaction that meets another on the same item (two receipts of one department at once) is
 * cancelled with `TransactionConflict`: it is tried again, a few times, after a short random wait.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryChange } from '#ports/deliveries';
import { cancelledAt, conditionally } from './conditions.ts';
import { pairQueue, statusIndex } from './dynamo-delivery-relay.ts';
import { keys } from './keys.ts';

type Item = Record<string, unknown>;

/** The state attributes a change sets, or removes when it leaves them out. */
const STATE = [
  'nextAttemptAt',
  'lastError',
  'deliveredAt',
  'failedAt',
  'skippedAt',
  'skippedBy',
  'skipReason',
] as const;

const conflicted = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/** Runs a transaction again while it only met another one (at most 5 times in all). */
export async function retryingConflicts<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= 5 || !conflicted(error)) throw error;
      await sleep(5 + Math.floor(Math.random() * 20 * attempt));
    }
  }
}

/** The conditional update of one delivery's state: it must still be in the status it was read in. */
export function changeUpdate(table: string, delivery: Delivery, change: DeliveryChange) {
  const next = { ...delivery, ...change } as Delivery;
  for (const k of STATE) if (change[k] === undefined) delete next[k];
  const sets: Record<string, unknown> = {
    status: next.status,
    attempts: next.attempts,
    ...statusIndex(next),
  };
  for (const k of STATE) if (next[k] !== undefined) sets[k] = next[k];
  const removes = STATE.filter((k) => next[k] === undefined);
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':was': delivery.status };
  const parts = Object.entries(sets).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  return {
    TableName: table,
    Key: keys.inbox(delivery.department, delivery.position),
    UpdateExpression: `SET ${parts.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: '#status = :was',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

function counterUpdate(table: string, department: string, counter: 'acknowledged' | 'failed', by: number) {
  return {
    Update: {
      TableName: table,
      Key: keys.pushCounts(department),
      UpdateExpression: 'ADD #c :by',
      ExpressionAttributeNames: { '#c': counter },
      ExpressionAttributeValues: { ':by': by },
    },
  };
}

/** +1 when a change parks a delivery, -1 when it takes a parked one out (a redrive, a skip). */
const failedDelta = (from: string, to: string) => (to === 'failed' ? 1 : 0) - (from === 'failed' ? 1 : 0);

/** False when the delivery had left the status it was read in (a redrive racing a skip), and nothing was written. */
export async function updateDelivery(
  db: DynamoDBDocumentClient,
  table: string,
  delivery: Delivery,
  change: DeliveryChange,
): Promise<boolean> {
  const delta = failedDelta(delivery.status, change.status);
  if (delta === 0)
    return conditionally(() => db.send(new UpdateCommand(changeUpdate(table, delivery, change))));
  const items = [
    { Update: changeUpdate(table, delivery, change) },
    counterUpdate(table, delivery.department, 'failed', delta),
  ];
  return conditionally(() =>
    retryingConflicts(() => db.send(new TransactWriteCommand({ TransactItems: items as never }))),
  );
}

/**
 * Pops the pair's head and makes the next due, in one transaction. False when the delivery had left the
 * status it was read in (a skip racing a redrive); re-read and retried when only the queue moved (a relay
 * appended meanwhile) or the transaction met another.
 */
export async function settleDelivery(
  db: DynamoDBDocumentClient,
  table: string,
  delivery: Delivery,
  change: DeliveryChange,
  at: Date,
  get: (id: string) => Promise<Delivery | undefined>,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await settleOnce(db, table, delivery, change, at, get);
    } catch (error) {
      if (cancelledAt(error, 0)) return false;
      if (attempt >= 5 || !(error instanceof TransactionCanceledException)) throw error;
      if (conflicted(error)) await sleep(5 + Math.floor(Math.random() * 20 * attempt));
    }
  }
}

async function settleOnce(
  db: DynamoDBDocumentClient,
  table: string,
  delivery: Delivery,
  change: DeliveryChange,
  at: Date,
  get: (id: string) => Promise<Delivery | undefined>,
): Promise<boolean> {
  const queue = await pairQueue(db, table, delivery.department, delivery.creditCode);
  if (queue[0] !== delivery.id) {
    // Settled since it was read (two skips at once): the pair has let it go, and its status says so.
    if ((await get(delivery.id))?.status !== delivery.status) return false;
    throw new Error(`${delivery.id} is not the head of its pair`);
  }
  const items: Item[] = [
    { Update: changeUpdate(table, delivery, change) },
    {
      Update: {
        TableName: table,
        Key: keys.pushPair(delivery.department, delivery.creditCode),
        UpdateExpression: 'REMOVE queue[0]',
        ConditionExpression: 'queue[0] = :id AND size(queue) = :len',
        ExpressionAttributeValues: { ':id': delivery.id, ':len': queue.length },
      },
    },
  ];
  const next = queue[1] ? await get(queue[1]) : undefined;
  if (next)
    items.push({
      Update: changeUpdate(table, next, {
        status: 'pending',
        attempts: next.attempts,
        nextAttemptAt: at.toISOString(),
      }),
    });
  const delta = failedDelta(delivery.status, change.status);
  if (delta !== 0) items.push(counterUpdate(table, delivery.department, 'failed', delta));
  await db.send(new TransactWriteCommand({ TransactItems: items as never }));
  return true;
}

/**
 * The receipt: `acknowledgedAt` set once on the entry, the pointer out of the unacknowledged index, and
 * the department's counter, in one transaction. `already` when a receipt came first.
 */
export async function acknowledgeDelivery(
  db: DynamoDBDocumentClient,
  table: string,
  found: Delivery,
  at: Date,
): Promise<'acknowledged' | 'already'> {
  const items = [
    {
      Update: {
        TableName: table,
        Key: keys.inbox(found.department, found.position),
        UpdateExpression: 'SET acknowledgedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(acknowledgedAt)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      },
    },
    {
      Update: {
        TableName: table,
        Key: keys.delivery(found.id),
        UpdateExpression: 'REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    counterUpdate(table, found.department, 'acknowledged', 1),
  ];
  try {
    await retryingConflicts(() => db.send(new TransactWriteCommand({ TransactItems: items as never })));
    return 'acknowledged';
  } catch (error) {
    if (cancelledAt(error, 0) || cancelledAt(error, 1)) return 'already';
    throw error;
  }
}
