/**
 * The department push on one machine: a relay that polls the registry table's stream in DynamoDB Local,
 * hands each new outbox item (`OUTBOX#…`, `delivery: 'pending'`) to relayOutboxAt in stream order per
 * enterprise (the order of the writes, so the outbox order), a few enterprises side by side as the
 * cloud's FIFO groups run them (the cloud's relay runs the same code from its queue:
 * app/push/outbox-record.ts), and a worker that runs deliverDue on a short timer, woken at once when the
 * relay has made deliveries. How far each shard was read is checkpointed in the table after each batch
 * that relayed something (and at most once a second otherwise): after a crash the relay reads those
 * records again, which plans nothing twice (the pairs' cursors), so nothing is lost and nothing is sent
 * out of order. Both loops are bounded (100 records, 100 deliveries a round) and stop with `stop()`.
 * Measured by bench/push.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, type DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { httpWebhookSender } from '#adapters/http-webhook-sender';
import { keys } from '#adapters/keys';
import { logger } from '#adapters/logger';
import { deliverDue } from '#app/push/deliver';
import { type OutboxRef, pendingOutboxRef, relayOutboxAt } from '#app/push/outbox-record';
import { REGISTRY_TABLE } from '#contract/tables';
import { DEFAULT_RETRY_POLICY } from '#domain/push/retry';
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
  /** Wait between delivery rounds that found nothing due (default 100 ms); a relay wakes the worker. */
  deliverEveryMs?: number;
  /** Enterprises relayed side by side (default 4), each one's events in order. */
  relayLanes?: number;
  random?: () => number;
  /** Attempts before a delivery parks (default: DEFAULT_RETRY_POLICY's). */
  maxAttempts?: number;
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

const OUTBOX_PREFIX = keys.outbox('', 0).pk;

/** The outbox event a stream record announces, if it is one still to relay (app/push/outbox-record.ts). */
function outboxRefOf(record: StreamRecord): OutboxRef | undefined {
  const image = record.dynamodb.NewImage;
  if (!image || record.eventName === 'REMOVE') return undefined;
  // Only outbox items are read: any other item of the table, whatever its attributes, never stops the relay.
  const pk = record.dynamodb.Keys.pk?.S;
  if (!pk?.startsWith(OUTBOX_PREFIX)) return undefined;
  try {
    return pendingOutboxRef(unmarshall(image));
  } catch (error) {
    // An unreadable record is left pending in the table: the enterprise's next event relays it first.
    logger.error('push relay: an outbox record could not be read', { pk, error: error as Error });
    return undefined;
  }
}

/** Enterprises relayed at once: their reads overlap; their writes meet only on the departments' inbox heads. */
const RELAY_LANES = 4;

/** This relay's own checkpoint writes, which are records of the stream it reads too. */
const isCheckpoint = (record: StreamRecord) =>
  record.dynamodb.Keys.pk?.S?.startsWith(keys.relayCheckpoint('').pk) === true;

export function startPushRelay(ports: Ports, options: PushRelayOptions): PushRelay {
  const table = options.table ?? REGISTRY_TABLE.id;
  const doc = DynamoDBDocumentClient.from(options.db);
  const aborts = new AbortController();
  const streams = new LocalStreams(options.endpoint);
  const send = options.send ?? httpWebhookSender();
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new Error(
      `PUSH_MAX_ATTEMPTS must be a whole number of attempts, 1 or more; got '${options.maxAttempts}'`,
    );
  const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts };
  const iterators = new Map<string, string>();
  let relayed = 0;
  let stopped = false;

  const pause = (ms: number) => sleep(ms, undefined, { signal: aborts.signal }).catch(() => undefined);

  // The relay wakes the worker when it has made deliveries: a new head is due at once, not a poll later.
  let nudged = false;
  let nudge = new AbortController();
  const wakeWorker = () => {
    nudged = true;
    nudge.abort();
  };
  const workerPause = async (ms: number) => {
    if (nudged) {
      nudged = false;
      return;
    }
    nudge = new AbortController();
    await sleep(ms, undefined, { signal: AbortSignal.any([aborts.signal, nudge.signal]) }).catch(
      () => undefined,
    );
    nudged = false;
  };

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

  // This process is the table's only relay (the runtime locks its data directory): the checkpoints it
  // wrote are the ones in the table, read once per shard and then kept here (again after a failed poll).
  const checkpoints = new Map<string, Checkpoint>();
  const checkpointOf = async (shardId: string): Promise<Checkpoint> => {
    const known = checkpoints.get(shardId);
    if (known) return known;
    const { Item } = await doc.send(
      new GetCommand({ TableName: table, Key: keys.relayCheckpoint(shardId), ConsistentRead: true }),
    );
    const read = (Item as Checkpoint | undefined) ?? {};
    checkpoints.set(shardId, read);
    return read;
  };

  const saveCheckpoint = async (shardId: string, checkpoint: Checkpoint) => {
    checkpoints.delete(shardId);
    await doc.send(
      new PutCommand({ TableName: table, Item: { ...keys.relayCheckpoint(shardId), ...checkpoint } }),
    );
    checkpoints.set(shardId, checkpoint);
  };

  let savedAt = 0;

  // The shard list, asked again at most every second, or at once after a shard closed.
  let shardList: { at: number; shards: Awaited<ReturnType<LocalStreams['shards']>> } | undefined;
  const shardsOf = async (arn: string) => {
    if (!shardList || Date.now() - shardList.at > 1_000)
      shardList = { at: Date.now(), shards: await streams.shards(arn) };
    return [...shardList.shards];
  };

  /** One shard, one batch: false when it had nothing new (or is closed). */
  async function pollShard(arn: string, shardId: string): Promise<boolean> {
    const checkpoint = await checkpointOf(shardId);
    if (checkpoint.closed) return false;
    let iterator = iterators.get(shardId);
    iterator ??= checkpoint.sequence
      ? await streams.iterator(arn, shardId, 'AFTER_SEQUENCE_NUMBER', checkpoint.sequence)
      : await streams.iterator(arn, shardId, 'TRIM_HORIZON');
    const { Records = [], NextShardIterator } = await streams.records(iterator, 100);
    const work = Records.filter((r) => !isCheckpoint(r)).length;
    // One enterprise's events in stream order, enterprises side by side (the cloud's FIFO groups do the
    // same): a lane's failure leaves the checkpoint where it was, and the batch is read again.
    const byEnterprise = new Map<string, OutboxRef[]>();
    for (const ref of Records.map(outboxRefOf)) {
      if (ref) byEnterprise.set(ref.creditCode, [...(byEnterprise.get(ref.creditCode) ?? []), ref]);
    }
    const groups = [...byEnterprise.values()];
    let relayedHere = 0;
    const lanes = await Promise.allSettled(
      Array.from({ length: Math.min(options.relayLanes ?? RELAY_LANES, groups.length) }, async () => {
        for (let group = groups.shift(); group; group = groups.shift()) {
          for (const ref of group) {
            const outcome = await relayOutboxAt(ports, ref);
            if (outcome) {
              relayed++;
              relayedHere++;
            }
            if (outcome?.created.length) wakeWorker();
          }
        }
      }),
    );
    // Every lane has stopped before the batch is given up: none relays on beside the batch read again.
    const failed = lanes.find((l) => l.status === 'rejected');
    if (failed) throw failed.reason;
    const last = Records.at(-1)?.dynamodb.SequenceNumber ?? checkpoint.sequence;
    // A checkpoint is itself a record of the stream: saved for a batch of nothing but checkpoints, it
    // would keep the relay reading and writing its own checkpoints forever. Other records are read again
    // after a crash at no cost (they plan nothing): saved after a relay, or once a second.
    if (last !== checkpoint.sequence && (relayedHere > 0 || (work > 0 && Date.now() - savedAt >= 1_000))) {
      await saveCheckpoint(shardId, { sequence: last! });
      savedAt = Date.now();
    }
    if (NextShardIterator) iterators.set(shardId, NextShardIterator);
    else {
      iterators.delete(shardId);
      await saveCheckpoint(shardId, { ...(last ? { sequence: last } : {}), closed: true });
      shardList = undefined;
    }
    return work > 0;
  }

  async function relayLoop(): Promise<void> {
    let arn: string | undefined;
    while (!stopped) {
      let busy = false;
      try {
        arn ??= await streamArn();
        const shards = await shardsOf(arn);
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
        checkpoints.clear();
        shardList = undefined;
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
          policy,
        });
        busy = report.delivered + report.retrying + report.parked + report.leftInInbox > 0;
      } catch (error) {
        if (stopped) break;
        logger.error('push relay: a delivery round failed', { error: error as Error });
      }
      if (!busy) await workerPause(options.deliverEveryMs ?? 100);
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
