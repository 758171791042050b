/**
 * The department push in the registry table (ports/deliveries.ts):
 *
 *   INBOX#<dept> / <sentAt>#<n>          a delivery: the signed event, its push state, its receipt;
 *                                        byOwner: DLV#<status> / <status time>#<id> (due, operators)
 *   INBOXHEAD#<dept> / HEAD              the last inbox position given: n and sentAt
 *   PUSHPAIR#<dept>#<code> / PAIR        the pair's cursor (sequence, outboxSeq) and queue of unsettled ids
 *   DELIVERY#<id> / DELIVERY             points at the inbox entry
 *   WEBHOOK#<dept> / WEBHOOK             the department's webhook, its secret and health
 *
 * A relay is one TransactWriteItems: each recipient's pair (conditioned on the cursor it was planned
 * from), inbox head (conditioned on n), inbox entry and pointer, and the outbox item marked relayed.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookHealth } from '#domain/push/retry';
import { type PairCursor, pairKey } from '#domain/push/sequence';
import type {
  Delivery,
  DeliveryChange,
  DeliveryStore,
  PairRef,
  RelayRecord,
  StoredDeliveryStatus,
  Webhook,
} from '#ports/deliveries';
import type { Page } from '#ports/page';
import { dynamoDocumentClient } from './clients.ts';
import { conditionFailed, withoutKeys } from './conditions.ts';
import { requireEnv } from './config.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { batchGet, recordRelay, statusIndex } from './dynamo-delivery-relay.ts';
import { readWebhook, writeWebhook, writeWebhookHealth } from './dynamo-webhooks.ts';
import { keys } from './keys.ts';

const INDEX = 'byOwner';
const STATE = ['nextAttemptAt', 'lastError', 'deliveredAt', 'failedAt'] as const;
type Item = Record<string, unknown>;

function toDelivery(item: Item): Delivery {
  const { ttl: _ttl, ...rest } = withoutKeys<Item>(item);
  return rest as unknown as Delivery;
}

export class DynamoDeliveryStore implements DeliveryStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async cursors(pairs: readonly PairRef[]): Promise<Map<string, PairCursor>> {
    const found = await batchGet(
      this.db,
      this.table,
      pairs.map((p) => keys.pushPair(p.department, p.creditCode)),
    );
    const out = new Map<string, PairCursor>();
    for (const p of pairs) {
      const item = found.get(keys.pushPair(p.department, p.creditCode).pk);
      if (item)
        out.set(pairKey(p.department, p.creditCode), {
          sequence: item.sequence as number,
          outboxSeq: item.outboxSeq as number,
        });
    }
    return out;
  }

  record(relay: RelayRecord): Promise<'recorded' | 'conflict'> {
    return recordRelay(this.db, this.table, relay);
  }

  async inbox(department: string, after: string | undefined, limit: number): Promise<Delivery[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: after ? 'pk = :pk AND sk > :after' : 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': keys.inboxPartition(department),
          ...(after ? { ':after': after } : {}),
        },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return Items.map(toDelivery);
  }

  async hasPosition(department: string, position: string): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.inbox(department, position),
        ProjectionExpression: 'pk',
      }),
    );
    return Item !== undefined;
  }

  async get(id: string): Promise<Delivery | undefined> {
    const { Item: pointer } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.delivery(id), ConsistentRead: true }),
    );
    if (!pointer) return undefined;
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.inbox(pointer.department as string, pointer.position as string),
        ConsistentRead: true,
      }),
    );
    return Item ? toDelivery(Item) : undefined;
  }

  async acknowledge(
    department: string,
    id: string,
    at: Date,
  ): Promise<'acknowledged' | 'already' | 'missing'> {
    const found = await this.get(id);
    if (!found || found.department !== department) return 'missing';
    if (found.acknowledgedAt) return 'already';
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.inbox(department, found.position),
          UpdateExpression: 'SET acknowledgedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(acknowledgedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
      return 'acknowledged';
    } catch (error) {
      if (conditionFailed(error)) return 'already';
      throw error;
    }
  }

  async sentBetween(department: string, from: string, to: string): Promise<Delivery[]> {
    const out: Delivery[] = [];
    let start: Item | undefined;
    do {
      const answer = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': keys.inboxPartition(department), ':from': from, ':to': to },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(answer.Items ?? []).map(toDelivery).filter((d) => d.sentAt < to));
      start = answer.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async byStatus(
    status: StoredDeliveryStatus,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<Delivery>> {
    const kind = `deliveries-${status}`;
    const start = decodeCursor<Item>(kind, cursor);
    const answer = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `DLV#${status}` },
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    return {
      items: (answer.Items ?? []).map(toDelivery),
      nextCursor: encodeCursor(kind, answer.LastEvaluatedKey),
    };
  }

  async due(now: Date, limit: number): Promise<Delivery[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: INDEX,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':pk': 'DLV#pending', ':now': `${now.toISOString()}#~` },
        Limit: limit,
      }),
    );
    return Items.map(toDelivery);
  }

  private changeUpdate(delivery: Delivery, change: DeliveryChange) {
    const next = { ...delivery, ...change } as Delivery;
    for (const k of STATE) if (change[k] === undefined) delete next[k];
    const sets: Record<string, unknown> = {
      status: next.status,
      attempts: next.attempts,
      ...statusIndex(next),
    };
    for (const k of STATE) if (next[k] !== undefined) sets[k] = next[k];
    const removes = STATE.filter((k) => next[k] === undefined);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':was': delivery.status };
    const parts = Object.entries(sets).map(([k, v], i) => {
      names[`#s${i}`] = k;
      values[`:s${i}`] = v;
      return `#s${i} = :s${i}`;
    });
    names['#status'] = 'status';
    return {
      TableName: this.table,
      Key: keys.inbox(delivery.department, delivery.position),
      UpdateExpression: `SET ${parts.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      ConditionExpression: '#status = :was',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  async update(delivery: Delivery, change: DeliveryChange): Promise<void> {
    await this.db.send(new UpdateCommand(this.changeUpdate(delivery, change)));
  }

  /** Pops the pair's head and makes the next due, in one transaction; re-read and retried if a relay appended meanwhile. */
  async settle(delivery: Delivery, change: DeliveryChange, at: Date): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.settleOnce(delivery, change, at);
        return;
      } catch (error) {
        if (attempt >= 5 || !(error instanceof Error && error.name === 'TransactionCanceledException'))
          throw error;
      }
    }
  }

  private async settleOnce(delivery: Delivery, change: DeliveryChange, at: Date): Promise<void> {
    const pairKeyOf = keys.pushPair(delivery.department, delivery.creditCode);
    const { Item: pair } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: pairKeyOf, ConsistentRead: true }),
    );
    const queue = (pair?.queue as string[] | undefined) ?? [];
    if (queue[0] !== delivery.id) throw new Error(`${delivery.id} is not the head of its pair`);
    const items: Item[] = [
      { Update: this.changeUpdate(delivery, change) },
      {
        Update: {
          TableName: this.table,
          Key: pairKeyOf,
          UpdateExpression: 'REMOVE queue[0]',
          ConditionExpression: 'queue[0] = :id AND size(queue) = :len',
          ExpressionAttributeValues: { ':id': delivery.id, ':len': queue.length },
        },
      },
    ];
    const next = queue[1] ? await this.get(queue[1]) : undefined;
    if (next)
      items.push({
        Update: this.changeUpdate(next, {
          status: 'pending',
          attempts: next.attempts,
          nextAttemptAt: at.toISOString(),
        }),
      });
    await this.db.send(new TransactWriteCommand({ TransactItems: items as never }));
  }

  webhook(department: string): Promise<Webhook | undefined> {
    return readWebhook(this.db, this.table, department);
  }

  putWebhook(webhook: Webhook): Promise<void> {
    return writeWebhook(this.db, this.table, webhook);
  }

  setWebhookHealth(department: string, health: WebhookHealth): Promise<void> {
    return writeWebhookHealth(this.db, this.table, department, health);
  }
}
