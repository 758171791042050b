/**
 * The department push in the registry table (ports/deliveries.ts):
 *
 *   INBOX#<dept> / <sentAt>#<n>          a delivery: the signed event, its push state, its receipt;
 *                                        byOwner: DLV#<status> / <status time>#<id> (due, operators)
 *   INBOXHEAD#<dept> / HEAD              the last inbox position given: n and sentAt
 *   PUSHPAIR#<dept>#<code> / PAIR        the pair's cursor (sequence, outboxSeq) and queue of unsettled ids
 *   DELIVERY#<id> / DELIVERY             points at the inbox entry; byOwner: UNACK#<dept> / <position>
 *                                        until the event is acknowledged
 *   WEBHOOK#<dept> / WEBHOOK             the department's webhook, its sealed secret and health
 *   PUSHCOUNT#<dept> / COUNT             acknowledged and failed counters (dynamo-delivery-state.ts)
 *
 * A relay is one TransactWriteItems: each recipient's pair (conditioned on the cursor it was planned
 * from), inbox head (conditioned on n), inbox entry and pointer, and the outbox item marked relayed.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookHealth } from '#domain/push/retry';
import { type PairCursor, pairKey } from '#domain/push/sequence';
import type {
  Delivery,
  DeliveryChange,
  DeliveryStore,
  DepartmentState,
  OutboxEntry,
  PairRef,
  RelayRecord,
  StoredDeliveryStatus,
  Webhook,
} from '#ports/deliveries';
import type { Page } from '#ports/page';
import { dynamoDocumentClient } from './clients.ts';
import { withoutKeys } from './conditions.ts';
import { requireEnv } from './config.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import {
  batchGet,
  PAIR_ATTRIBUTE,
  pairQueue,
  readOutboxEvent,
  recordRelay,
} from './dynamo-delivery-relay.ts';
import { acknowledgeDelivery, settleDelivery, updateDelivery } from './dynamo-delivery-state.ts';
import { readDepartmentStates } from './dynamo-department-states.ts';
import { readWebhook, writeWebhook, writeWebhookHealth } from './dynamo-webhooks.ts';
import { keys } from './keys.ts';

const INDEX = 'byOwner';
type Item = Record<string, unknown>;

function toDelivery(item: Item): Delivery {
  const { ttl: _ttl, [PAIR_ATTRIBUTE]: _pair, ...rest } = withoutKeys<Item>(item);
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
    return acknowledgeDelivery(this.db, this.table, found, at);
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

  outboxEvent(creditCode: string, seq: number): Promise<OutboxEntry | undefined> {
    return readOutboxEvent(this.db, this.table, creditCode, seq);
  }

  async pendingHead(id: string): Promise<Delivery | undefined> {
    const found = await this.get(id);
    if (found?.status !== 'pending') return undefined;
    const queue = await pairQueue(this.db, this.table, found.department, found.creditCode);
    return queue[0] === id ? found : undefined;
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

  update(delivery: Delivery, change: DeliveryChange): Promise<boolean> {
    return updateDelivery(this.db, this.table, delivery, change);
  }

  settle(delivery: Delivery, change: DeliveryChange, at: Date): Promise<boolean> {
    return settleDelivery(this.db, this.table, delivery, change, at, (id) => this.get(id));
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

  departmentStates(departments: readonly string[]): Promise<DepartmentState[]> {
    return readDepartmentStates(this.db, this.table, departments);
  }
}
