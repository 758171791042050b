/**
 * The department push in the cloud: the handlers of its two SQS FIFO queues, which EventBridge Pipes feed
 * from the registry table's stream (infra/cloud/push-stack.ts, docs/decisions/0014-department-push.md).
 *
 * - `relayOutbox`: one message per outbox event to relay, grouped by enterprise; runs the relay both
 *   runtimes share (app/push/outbox-record.ts).
 * - `deliver`: one message per pending state of a delivery, grouped by (department, enterprise); runs
 *   the attempt both runtimes share (app/push/deliver.ts). A delivery not due yet (its backoff) is held
 *   back with its message's visibility, since FIFO queues have no per-message delay.
 *
 * Both process their batch with Powertools' FIFO partial processor, skipping only the failed message's
 * group: a failing or waiting pair holds its own later messages and nobody else's. Messages carry ids
 * only; what is sent is read from the store.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { logger } from '#adapters/logger';
import { type AttemptOptions, deliverQueued, type OpenedSecrets, webhookReader } from '#app/push/deliver';
import { OutboxRef, relayOutboxAt } from '#app/push/outbox-record';
import type { MessageHold } from '#ports/message-hold';
import type { Ports } from '#ports/ports';
import type { WebhookSender } from '#ports/webhook-sender';

export interface PushTaskDeps {
  /** Sends to a department's webhook. */
  send: WebhookSender;
  /** Hides a delivery queue message until its delivery is due. */
  hold: MessageHold;
  /** The retry policy and jitter (defaults: domain/push/retry.ts). */
  attempt?: Omit<AttemptOptions, 'webhookOf'>;
}

/** What the delivery pipe puts on the queue for each pending state (its input template). */
export const QueuedDeliveryMessage = z.object({
  deliveryId: z.string().min(1).max(200),
  // DynamoDB numbers reach the template as strings.
  attempts: z.coerce.number().int().min(0),
  dueAt: z.iso.datetime(),
});

/** A body that is not what the pipe sends: a bug, failed until it lands in the dead-letter queue. */
export class InvalidQueueMessage extends Error {
  override name = 'InvalidQueueMessage';
}

/** The delivery is not due yet: its message is held back until then, and stays in the queue. */
export class DeliveryNotDue extends Error {
  override name = 'DeliveryNotDue';
}

function bodyOf<S extends z.ZodType>(schema: S, record: SQSRecord): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    throw new InvalidQueueMessage(`message ${record.messageId}: the body is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidQueueMessage(`message ${record.messageId}: ${issues}`);
  }
  return parsed.data;
}

/** Each record in order; a failure fails the rest of its message group only (FIFO order per group). */
function fifoBatch(
  queue: string,
  handle: (record: SQSRecord) => Promise<unknown>,
  options: { throwOnFullBatchFailure: boolean },
) {
  const logged = async (record: SQSRecord) => {
    try {
      return await handle(record);
    } catch (error) {
      const e = error as Error;
      const where = { queue, messageId: record.messageId, group: record.attributes.MessageGroupId };
      if (e instanceof DeliveryNotDue)
        logger.debug('push: held back until due', { ...where, why: e.message });
      else logger.error('push: a queue message failed', { ...where, errorName: e.name, error: e.message });
      throw error;
    }
  };
  return (event: SQSEvent, context?: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, logged, new SqsFifoPartialProcessorAsync(), {
      ...(context ? { context } : {}),
      skipGroupOnError: true,
      ...options,
    });
}

/**
 * What the relay reads and writes, signs with and stamps; the delivery needs the store, the clock and the
 * sealer (to unseal the webhooks' signing secrets) of it.
 */
export type PushPorts = Pick<
  Ports,
  'clock' | 'deliveries' | 'enterprises' | 'keyring' | 'licensing' | 'metrics' | 'sealer' | 'settings'
>;

export function handlers(ports: PushPorts, deps: PushTaskDeps) {
  // A warm function unseals each webhook secret once (one KMS request), not once per delivery.
  const opened: OpenedSecrets = new Map();
  const webhookOf = webhookReader(ports, opened);
  return {
    // A whole batch failing is an error of the function (its alarm): every relay should succeed.
    relayOutbox: fifoBatch(
      'outbox',
      async (record) => {
        const outcome = await relayOutboxAt(ports, bodyOf(OutboxRef, record));
        return { created: outcome?.created.length ?? 0 };
      },
      { throwOnFullBatchFailure: true },
    ),
    // A batch of deliveries that all wait out their backoff is no error.
    deliver: fifoBatch(
      'delivery',
      async (record) => {
        const message = bodyOf(QueuedDeliveryMessage, record);
        const now = ports.clock.now();
        const result = await deliverQueued(ports, message, now, deps.send, { ...deps.attempt, webhookOf });
        if (result.status === 'wait') {
          const seconds = (result.dueAt.getTime() - now.getTime()) / 1000;
          await deps.hold.holdBack(record.receiptHandle, seconds);
          throw new DeliveryNotDue(`${message.deliveryId} is due at ${result.dueAt.toISOString()}`);
        }
        return result.status;
      },
      { throwOnFullBatchFailure: false },
    ),
  };
}
