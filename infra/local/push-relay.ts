/**
 * The department push on one machine: a relay that polls the registry table's stream in DynamoDB Local,
 * hands each new outbox item (`OUTBOX#…`, `delivery: 'pending'`) to relayOutboxEvent in stream order (the
 * order of the writes, so per enterprise the outbox order), and a worker that runs deliverDue on a short
 * timer. How far each shard was read is checkpointed in the table after each batch: after a crash the
 * relay reads the last batch again, which plans nothing twice (the pairs' cursors), so nothing is lost and
 * nothing is sent out of order. Both loops are bounded (100 records, 100 deliveries a round) and stop
 * with `stop()`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, type DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { httpWebhookSender } from '#adapters/http-webhook-sender';
import { keys } from '#adapters/keys';
import { logger } from '#adapters/logger';
import { deliverDue } from '#app/push/deliver';
import { type EnterpriseFacts, relayOutboxEvent } from '#app/push/relay';
import { REGISTRY_TABLE } from '#contract/tables';
import type { OutboxEvent } from '#domain/enterprise';
import type { Ports } from '#ports/ports';
import type { WebhookSender } from '#ports/webhook-sender';
import { LocalStreams, type StreamRecord } from './dynamodb-streams.ts';

export interface PushRelayOptions {
  /** A client of DynamoDB Local, and its endpoint (the streams are read from the same one). */
  db: DynamoDBClient;
  endpoint: string;
  table?: string;
  send?: WebhookSender;
  /** Wait between stream polls that found nothing (default 100 ms). */
  pollMs?: number;
  /** Wait between delivery rounds that found nothing due (default 100 ms). */
  deliverEveryMs?: number;
  random?: () => number;
}

export interface PushRelay {
  /** Outbox events relayed so far by this process. */
  readonly relayed: number;
  stop(): Promise<void>;
}

interface Checkpoint {
  sequence?: string;
  closed?: boolean;
}

function outboxEventOf(record: StreamRecord): OutboxEvent | undefined {
  const image = record.dynamodb.NewImage;
  if (!image || record.eventName === 'REMOVE') return undefined;
  const item = unmarshall(image);
  if (!String(item.pk).startsWith('OUTBOX#') || item.delivery !== 'pending') return undefined;
  const { id, type, seq, creditCode, occurredAt, recipients, data } = item;
  return { id, type, seq, creditCode, occurredAt, recipients: recipients ?? [], data: data ?? {} };
}

export function startPushRelay(ports: Ports, options: PushRelayOptions): PushRelay {
  const table = options.table ?? REGISTRY_TABLE.id;
  const doc = DynamoDBDocumentClient.from(options.db);
  const aborts = new AbortController();
  const streams = new LocalStreams(options.endpoint);
  const send = options.send ?? httpWebhookSender();
  const iterators = new Map<string, string>();
  let relayed = 0;
  let stopped = false;

  const pause = (ms: number) => sleep(ms, undefined, { signal: aborts.signal }).catch(() => undefined);

  async function streamArn(): Promise<string> {
    const { Table } = await options.db.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.LatestStreamArn && Table.StreamSpecification?.StreamEnabled) return Table.LatestStreamArn;
    // A table made before the push had no stream: outbox items written before this moment are not relayed.
    logger.warn('push relay: enabling the stream of a table made without one', { table });
    const updated = await options.db.send(
      new UpdateTableCommand({
        TableName: table,
        StreamSpecification: { StreamEnabled: true, StreamViewType: REGISTRY_TABLE.stream ?? 'NEW_IMAGE' },
      }),
    );
    return updated.TableDescription!.LatestStreamArn!;
  }

  async function factsOf(event: OutboxEvent): Promise<EnterpriseFacts> {
    const enterprise = await ports.enterprises.get(event.creditCode);
    let scope = event.data.businessScope;
    if (!Array.isArray(scope)) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: table, Key: keys.outbox(event.creditCode, 1) }),
      );
      scope = (Item?.data as { businessScope?: unknown } | undefined)?.businessScope;
    }
    return {
      entityType: enterprise?.entityType ?? String(event.data.entityType ?? ''),
      scopeCodes: Array.isArray(scope) ? scope.map(String) : [],
    };
  }

  const checkpointOf = async (shardId: string): Promise<Checkpoint> =>
    ((
      await doc.send(
        new GetCommand({ TableName: table, Key: keys.relayCheckpoint(shardId), ConsistentRead: true }),
      )
    ).Item as Checkpoint | undefined) ?? {};

  const saveCheckpoint = (shardId: string, checkpoint: Checkpoint) =>
    doc.send(new PutCommand({ TableName: table, Item: { ...keys.relayCheckpoint(shardId), ...checkpoint } }));

  /** One shard, one batch: false when it had nothing new (or is closed). */
  async function pollShard(arn: string, shardId: string): Promise<boolean> {
    const checkpoint = await checkpointOf(shardId);
    if (checkpoint.closed) return false;
    let iterator = iterators.get(shardId);
    iterator ??= checkpoint.sequence
      ? await streams.iterator(arn, shardId, 'AFTER_SEQUENCE_NUMBER', checkpoint.sequence)
      : await streams.iterator(arn, shardId, 'TRIM_HORIZON');
    const { Records = [], NextShardIterator } = await streams.records(iterator, 100);
    let last = checkpoint.sequence;
    try {
      for (const record of Records) {
        const event = outboxEventOf(record);
        if (event) {
          await relayOutboxEvent(ports, event, await factsOf(event));
          relayed++;
        }
        last = record.dynamodb.SequenceNumber;
      }
    } finally {
      if (last !== checkpoint.sequence) await saveCheckpoint(shardId, { sequence: last! });
    }
    if (NextShardIterator) iterators.set(shardId, NextShardIterator);
    else {
      iterators.delete(shardId);
      await saveCheckpoint(shardId, { ...(last ? { sequence: last } : {}), closed: true });
    }
    return Records.length > 0;
  }

  async function relayLoop(): Promise<void> {
    let arn: string | undefined;
    while (!stopped) {
      let busy = false;
      try {
        arn ??= await streamArn();
        const shards = await streams.shards(arn);
        shards.sort((a, b) =>
          BigInt(a.SequenceNumberRange?.StartingSequenceNumber ?? 0) <
          BigInt(b.SequenceNumberRange?.StartingSequenceNumber ?? 0)
            ? -1
            : 1,
        );
        for (const shard of shards) if (await pollShard(arn, shard.ShardId)) busy = true;
      } catch (error) {
        if (stopped) break;
        // Read the failed batch again from the checkpoint: a replay plans nothing twice.
        iterators.clear();
        logger.error('push relay: the stream poll failed', { error: error as Error });
      }
      if (!busy) await pause(options.pollMs ?? 100);
    }
  }

  async function deliverLoop(): Promise<void> {
    while (!stopped) {
      let busy = false;
      try {
        const report = await deliverDue(ports, ports.clock.now(), send, {
          ...(options.random ? { random: options.random } : {}),
        });
        busy = report.delivered + report.retrying + report.parked + report.leftInInbox > 0;
      } catch (error) {
        if (stopped) break;
        logger.error('push relay: a delivery round failed', { error: error as Error });
      }
      if (!busy) await pause(options.deliverEveryMs ?? 100);
    }
  }

  const loops = Promise.all([relayLoop(), deliverLoop()]);
  return {
    get relayed() {
      return relayed;
    },
    async stop() {
      stopped = true;
      aborts.abort();
      await loops;
    },
  };
}
