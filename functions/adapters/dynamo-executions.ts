/**
 * The execution index on the registry table (domain/ops/execution-index.ts; docs/decisions/0019):
 *
 *   EXEC#<name> / EXEC                    the entry; byOwner: EXECS#<workflow>, byState: EXECS#<workflow>#<status>,
 *                                         both sorted <startedAt>#<name>
 *   EXECSUBJECT#<id> / <startedAt>#<name> a case's or enterprise's pointer to an execution that worked on it
 *   EXECCOUNT#<s> / <workflow>            counts per status, in shard s of EXECUTION_COUNTER_SHARDS
 *   EXECHOUR#<day>#<s> / <HH>#<workflow>  started, succeeded, failed in that hour (UTC), in shard s
 *   ISSUANCE / <authority>                decided, onTheSpot
 *
 * A change costs one consistent GetItem and one TransactWriteItems: the entry, conditional on the state
 * it was read in, with every counter it moves. A concurrent change of the same execution makes the
 * condition fail; the change is then decided again on what that one wrote. The counters are sharded by
 * execution name: at 50 registrations a second one item per workflow would take ~100 transactions a
 * second and make them conflict (docs/capacity.md); reading them costs one Query per shard.
 */

import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  applyChange,
  EXECUTION_STATUSES,
  type ExecutionEntry,
  type HourlyCount,
  type IndexEffect,
  type IndexedStatus,
} from '#domain/ops/execution-index';
import {
  type ExecutionIndex,
  type ExecutionListing,
  type IssuanceCount,
  listingKey,
} from '#ports/executions';
import { dynamoDocumentClient } from './clients.ts';
import { conditionFailed } from './conditions.ts';
import { requireEnv } from './config.ts';
import { keys } from './keys.ts';

type Write = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const ATTEMPTS = 5;

/** How many partitions the counters are spread over. */
export const EXECUTION_COUNTER_SHARDS = 8;

/** The shard an execution always counts in (a stable hash of its name). */
export function counterShard(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return h % EXECUTION_COUNTER_SHARDS;
}

const SHARDS = Array.from({ length: EXECUTION_COUNTER_SHARDS }, (_, s) => s);

function entryOf(item: Record<string, unknown>): ExecutionEntry {
  const { pk: _p, sk: _s, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...entry } = item;
  return entry as unknown as ExecutionEntry;
}

const add = (fields: Record<string, number>) => {
  const names = Object.keys(fields);
  return {
    UpdateExpression: `ADD ${names.map((_, i) => `#f${i} :v${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
    ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, fields[n]])),
  };
};

export class DynamoExecutionIndex implements ExecutionIndex {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async apply(change: ExecutionEntry): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const held = await this.get(change.name);
      const effect = applyChange(held, change);
      if (!effect) return false;
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: this.writes(held, effect) }));
        return true;
      } catch (error) {
        if (!conditionFailed(error) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private writes(held: ExecutionEntry | undefined, effect: IndexEffect): Write[] {
    const { entry } = effect;
    const sorted = listingKey(entry);
    const writes: Write[] = [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.execution(entry.name),
            ...entry,
            gsi1pk: keys.executionsOf(entry.workflow),
            gsi1sk: sorted,
            gsi2pk: keys.executionsIn(entry.workflow, entry.status),
            gsi2sk: sorted,
          },
          ...(held
            ? {
                ConditionExpression: '#status = :status AND redriveCount = :count',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': held.status, ':count': held.redriveCount },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.executionCounts(entry.workflow, counterShard(entry.name)),
          ...add(effect.counts),
        },
      },
    ];
    const hours = new Map<string, Record<string, number>>();
    for (const { hour, field } of effect.hourly) {
      const fields = hours.get(hour) ?? {};
      fields[field] = (fields[field] ?? 0) + 1;
      hours.set(hour, fields);
    }
    for (const [hour, fields] of hours)
      writes.push({
        Update: {
          TableName: this.table,
          Key: keys.executionHour(hour, entry.workflow, counterShard(entry.name)),
          ...add(fields),
        },
      });
    for (const subject of entry.subjects.filter((s) => !held?.subjects.includes(s)))
      writes.push({
        Put: {
          TableName: this.table,
          Item: { ...keys.executionSubject(subject, entry.startedAt, entry.name), name: entry.name },
        },
      });
    if (effect.issuance)
      writes.push({
        Update: {
          TableName: this.table,
          Key: keys.issuance(effect.issuance.authority),
          ...add({ decided: 1, onTheSpot: effect.issuance.onTheSpot ? 1 : 0 }),
        },
      });
    return writes;
  }

  async get(name: string): Promise<ExecutionEntry | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.execution(name), ConsistentRead: true }),
    );
    return Item ? entryOf(Item) : undefined;
  }

  /**
   * One Query on the workflow's partition (byOwner) or its status's (byState), newest first. The sort key
   * takes one condition: BETWEEN the start and the nearer of `to` and `before`, whose own entry (the
   * last one shown) is then dropped: one more item is read for it.
   */
  async list(query: ExecutionListing, limit: number): Promise<{ items: ExecutionEntry[]; more: boolean }> {
    const [pk, sk, indexName] = query.status
      ? ['gsi2pk', 'gsi2sk', 'byState']
      : ['gsi1pk', 'gsi1sk', 'byOwner'];
    const upper = [query.to, query.before].filter((b): b is string => b !== undefined).sort()[0];
    const lower = query.from ?? '0';
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: indexName,
        KeyConditionExpression: upper
          ? '#pk = :pk AND #sk BETWEEN :from AND :to'
          : '#pk = :pk AND #sk >= :from',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
        ExpressionAttributeValues: {
          ':pk': query.status
            ? keys.executionsIn(query.workflow, query.status)
            : keys.executionsOf(query.workflow),
          ':from': lower,
          ...(upper ? { ':to': upper } : {}),
        },
        ScanIndexForward: false,
        Limit: limit + 1,
      }),
    );
    const items = (out.Items ?? []).map(entryOf).filter((e) => !upper || listingKey(e) < upper);
    return { items: items.slice(0, limit), more: items.length > limit || Boolean(out.LastEvaluatedKey) };
  }

  async bySubject(subject: string, limit: number): Promise<ExecutionEntry[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.executionSubjectPartition(subject) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const names = (out.Items ?? []).map((i) => i.name as string);
    if (names.length === 0) return [];
    const got = await this.db.send(
      new BatchGetCommand({
        RequestItems: { [this.table]: { Keys: names.map(keys.execution) } },
      }),
    );
    const entries = new Map((got.Responses?.[this.table] ?? []).map((i) => [i.name as string, entryOf(i)]));
    return names.flatMap((n) => entries.get(n) ?? []);
  }

  /** One Query on a partition, every page (a shard holds one item per workflow, or per hour and workflow). */
  private async partition(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /** The shards summed: one Query per shard, in parallel. */
  async counts(): Promise<Record<string, Partial<Record<IndexedStatus, number>>>> {
    const shards = await Promise.all(SHARDS.map((s) => this.partition(keys.executionCountShard(s))));
    const counts: Record<string, Partial<Record<IndexedStatus, number>>> = {};
    for (const item of shards.flat()) {
      const workflow = counts[item.sk as string] ?? {};
      counts[item.sk as string] = workflow;
      for (const status of EXECUTION_STATUSES)
        if (typeof item[status] === 'number')
          workflow[status] = (workflow[status] ?? 0) + (item[status] as number);
    }
    return counts;
  }

  /** Every shard of each day the span touches (two days for the last 24 hours), summed per hour and workflow. */
  async hourly(fromHour: string, toHour: string): Promise<HourlyCount[]> {
    const days: string[] = [];
    for (
      let d = Date.parse(`${fromHour.slice(0, 10)}T00:00:00Z`);
      d <= Date.parse(`${toHour.slice(0, 10)}T00:00:00Z`);
      d += 86_400_000
    )
      days.push(new Date(d).toISOString().slice(0, 10));
    const parts = await Promise.all(
      days.flatMap((day) =>
        SHARDS.map(async (s) => ({ day, items: await this.partition(keys.executionDay(day, s)) })),
      ),
    );
    const sums = new Map<string, HourlyCount>();
    for (const { day, items } of parts)
      for (const i of items) {
        const [hh, ...rest] = (i.sk as string).split('#');
        const hour = `${day}T${hh}`;
        if (hour < fromHour || hour > toHour) continue;
        const workflow = rest.join('#');
        const key = `${hour}|${workflow}`;
        const h = sums.get(key) ?? { hour, workflow, started: 0, succeeded: 0, failed: 0 };
        h.started += (i.started as number) ?? 0;
        h.succeeded += (i.succeeded as number) ?? 0;
        h.failed += (i.failed as number) ?? 0;
        sums.set(key, h);
      }
    return [...sums.values()];
  }

  async issuance(): Promise<IssuanceCount[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ISSUANCE' },
      }),
    );
    return (out.Items ?? []).map((i) => ({
      authority: i.sk as string,
      decided: (i.decided as number) ?? 0,
      onTheSpot: (i.onTheSpot as number) ?? 0,
    }));
  }
}
