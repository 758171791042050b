/**
 * Durable record of the local engine's executions in DynamoDB Local, so the operators' view survives a
 * restart and running executions can be started again. Writes are batched: an execution costs one write
 * when it starts (it must be durable to be resumed) and one batch per flush of its events (at its end,
 * or every FLUSH_MS while it runs), so a workflow's path is not doubled by its log.
 *
 *   pk = executionArn, sk = EXECUTION          status, input, output, error, times; byMachine index
 *   pk = executionArn, sk = EVENTS#<000001>    a chunk of history events
 */

import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TableSchema } from '#contract/tables';
import type { HistoryEventRecord } from './history.ts';

export const EXECUTIONS_TABLE: TableSchema = {
  id: 'local-executions',
  envVar: 'LOCAL_EXECUTIONS_TABLE',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    {
      indexName: 'byMachine',
      partitionKey: { name: 'machine', type: 'S' },
      sortKey: { name: 'started', type: 'S' },
    },
  ],
  ttlAttribute: 'ttl',
};

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  /** How many times the local runtime started it (more than one after a restart). */
  attempts: number;
  /** When the Wait it last entered ends (epoch seconds): the order of resumption after a restart. */
  wakeAt?: number;
}

const FLUSH_MS = 1000;
/** Set once every execution the log held was handed to the execution index (stop 17 added the index). */
const INDEXED = { pk: 'EXECUTION-INDEX', sk: 'BACKFILLED' };
const EVENTS_PER_CHUNK = 50;

export class ExecutionLog {
  private readonly pending = new Map<string, HistoryEventRecord[]>();
  private readonly chunkNo = new Map<string, number>();
  /** Running executions whose record changed (a new wake time): rewritten with the next batch. */
  private readonly dirty = new Map<string, ExecutionRecord>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table = EXECUTIONS_TABLE.id,
  ) {}

  private item(r: ExecutionRecord) {
    return {
      pk: r.executionArn,
      sk: 'EXECUTION',
      machine: r.stateMachineArn,
      started: `${new Date(r.startDate).toISOString()}#${r.name}`,
      ...r,
    };
  }

  /**
   * Records a new execution in one conditional write; when its name was used before, writes nothing and
   * answers that execution (one call on the start path, where a read and then a write were two).
   */
  async startedOnce(record: ExecutionRecord): Promise<ExecutionRecord | undefined> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(record),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      this.chunkNo.set(record.executionArn, 0);
      return undefined;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item ? strip(unmarshall(error.Item as Record<string, AttributeValue>)) : undefined;
    }
  }

  async started(record: ExecutionRecord, lastChunk = 0): Promise<void> {
    this.chunkNo.set(record.executionArn, lastChunk);
    await this.db.send(new PutCommand({ TableName: this.table, Item: this.item(record) }));
  }

  append(executionArn: string, events: HistoryEventRecord[]): void {
    const list = this.pending.get(executionArn) ?? [];
    list.push(...events);
    this.pending.set(executionArn, list);
    this.schedule();
  }

  /** Records the execution's new wake time with its next batch of events (no write of its own). */
  waiting(record: ExecutionRecord): void {
    this.dirty.set(record.executionArn, record);
    this.schedule();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // A background flush must not take the process down (the engine may be going away at a stop):
      // what it could not write stays in the log's last state, which a restart resumes from.
      this.flush().catch(() => undefined);
    }, FLUSH_MS);
  }

  /** Writes the final record together with the remaining events, in one batch. */
  async finished(record: ExecutionRecord): Promise<void> {
    await this.flush(record);
  }

  /** Events not yet written, for reads of a running execution. */
  unflushed(executionArn: string): HistoryEventRecord[] {
    return this.pending.get(executionArn) ?? [];
  }

  flush(finalRecord?: ExecutionRecord): Promise<void> {
    const run = this.flushing.then(() => this.write(finalRecord));
    // One failed batch must not fail every later one: the chain only keeps the order.
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async write(finalRecord?: ExecutionRecord): Promise<void> {
    const requests: Record<string, unknown>[] = [];
    const arns = finalRecord ? [finalRecord.executionArn] : [...this.pending.keys()];
    for (const arn of arns) {
      const events = this.pending.get(arn) ?? [];
      this.pending.delete(arn);
      for (let i = 0; i < events.length; i += EVENTS_PER_CHUNK) {
        const n = (this.chunkNo.get(arn) ?? 0) + 1;
        this.chunkNo.set(arn, n);
        requests.push({
          PutRequest: {
            Item: {
              pk: arn,
              sk: `EVENTS#${String(n).padStart(6, '0')}`,
              events: events.slice(i, i + EVENTS_PER_CHUNK),
            },
          },
        });
      }
    }
    if (finalRecord) {
      this.dirty.delete(finalRecord.executionArn);
      requests.push({ PutRequest: { Item: this.item(finalRecord) } });
      this.chunkNo.delete(finalRecord.executionArn);
    } else {
      for (const record of this.dirty.values())
        if (record.status === 'RUNNING') requests.push({ PutRequest: { Item: this.item(record) } });
      this.dirty.clear();
    }
    for (let i = 0; i < requests.length; i += 25) {
      let batch: Record<string, unknown[]> | undefined = { [this.table]: requests.slice(i, i + 25) };
      for (let attempt = 0; batch && Object.keys(batch).length > 0 && attempt < 10; attempt++) {
        const out = await this.db.send(new BatchWriteCommand({ RequestItems: batch as never }));
        batch = out.UnprocessedItems as Record<string, unknown[]> | undefined;
      }
    }
  }

  async get(executionArn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: { pk: executionArn, sk: 'EXECUTION' } }),
    );
    return Item ? strip(Item) : undefined;
  }

  async history(executionArn: string): Promise<{ events: HistoryEventRecord[]; lastChunk: number }> {
    const events: HistoryEventRecord[] = [];
    let lastChunk = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :arn AND begins_with(sk, :events)',
          ExpressionAttributeValues: { ':arn': executionArn, ':events': 'EVENTS#' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        events.push(...(item.events as HistoryEventRecord[]));
        lastChunk = Number(String(item.sk).slice(7));
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { events: [...events, ...this.unflushed(executionArn)], lastChunk };
  }

  async list(stateMachineArn: string, status: string | undefined, limit: number, token?: string) {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byMachine',
        KeyConditionExpression: 'machine = :m',
        ...(status
          ? {
              FilterExpression: '#status = :s',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':m': stateMachineArn, ':s': status },
            }
          : { ExpressionAttributeValues: { ':m': stateMachineArn } }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: token ? JSON.parse(Buffer.from(token, 'base64url').toString()) : undefined,
      }),
    );
    return {
      items: (out.Items ?? []).map(strip),
      nextToken: out.LastEvaluatedKey
        ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url')
        : undefined,
    };
  }

  /** Executions that were running when the process last stopped. */
  async running(): Promise<ExecutionRecord[]> {
    const found: ExecutionRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :e AND #status = :r',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':e': 'EXECUTION', ':r': 'RUNNING' },
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(out.Items ?? []).map(strip));
      start = out.LastEvaluatedKey;
    } while (start);
    return found;
  }

  /** Every execution the log holds, a page at a time. */
  async *pages(): AsyncGenerator<ExecutionRecord[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'sk = :e',
          ExpressionAttributeValues: { ':e': 'EXECUTION' },
          ExclusiveStartKey: start,
        }),
      );
      yield (out.Items ?? []).map(strip);
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /** Whether this data directory's executions were all given to the execution index once. */
  async indexed(): Promise<boolean> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: INDEXED, ConsistentRead: true }),
    );
    return Boolean(Item);
  }

  async markIndexed(): Promise<void> {
    await this.db.send(
      new PutCommand({ TableName: this.table, Item: { ...INDEXED, at: new Date().toISOString() } }),
    );
  }

  close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.flush();
  }
}

function strip(item: Record<string, unknown>): ExecutionRecord {
  const { pk: _p, sk: _s, machine: _m, started: _st, ...record } = item;
  return record as unknown as ExecutionRecord;
}
