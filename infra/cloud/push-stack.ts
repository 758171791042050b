/**
 * The department push in the cloud (docs/decisions/0014-department-push.md):
 *
 *   registry table stream ─ OutboxPipe ──► OutboxQueue (FIFO, group: the enterprise) ──► PushRelay
 *                        └─ DeliveryPipe ─► DeliveryQueue (FIFO, group: department#enterprise) ─► PushDelivery
 *
 * The relay turns each new outbox event into one delivery per entitled department (an inbox entry,
 * `pending` at its pair's head or `queued` behind it); every write that leaves an entry `pending` (the
 * relay, a settle making the next one due, a failed attempt with its backoff, a redrive) is one message
 * of the delivery queue. Both functions run the use cases the local runtime runs.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { PAIR_ATTRIBUTE } from '#adapters/dynamo-delivery-relay';
import { keys } from '#adapters/keys';
import type { TableGrant } from '#contract/item-families';
import type { CloudConfig } from './config.ts';
import { runtimeEnvironment } from './environment.ts';
import { type DataRefs, grantLicenseKey, grantSealing } from './grants.ts';
import { registryFunction } from './nodejs-function.ts';
import { fifoQueue, streamPipe, writtenItems } from './push-pipes.ts';
import { grantRegistryTable } from './table-grants.ts';

export interface PushStackProps extends StackProps {
  config: CloudConfig;
  data: DataRefs;
  /** The registry table's stream (the data stack exports it: no name can be known before it exists). */
  tableStreamArn: string;
  workflowStackName: string;
}

/** The two handlers (functions/tasks/push.ts), their batches and time limits. */
export const PUSH = {
  relay: {
    handler: { entry: 'functions/tasks/push.ts', export: 'relayOutbox' },
    batchSize: 10,
    timeout: Duration.seconds(60),
    // The event and its enterprise, the pairs' cursors, the heads and webhooks; one transaction of
    // deliveries, their pointers and the outbox item marked relayed (dynamo-delivery-relay.ts).
    registryTable: {
      read: ['outbox', 'enterprise', 'pushPair', 'inboxHead', 'webhook'],
      write: ['pushPair', 'inboxHead', 'inbox', 'delivery', 'outbox'],
    } satisfies TableGrant,
  },
  // Each attempt may wait for a webhook up to 10 s (adapters/http-webhook-sender.ts): five fit in 90 s.
  delivery: {
    handler: { entry: 'functions/tasks/push.ts', export: 'deliver' },
    batchSize: 5,
    timeout: Duration.seconds(90),
    // The due head of its pair, the department's webhook; the attempt's outcome (dynamo-delivery-state.ts).
    registryTable: {
      read: ['delivery', 'inbox', 'pushPair', 'webhook'],
      write: ['inbox', 'pushPair', 'pushCount', 'webhook'],
    } satisfies TableGrant,
  },
} as const;

/** The message bodies, ids only (tasks/push.ts parses them): `<$.path>` takes a value of the new image. */
export const OUTBOX_MESSAGE =
  '{"creditCode":"<$.dynamodb.NewImage.creditCode.S>","seq":"<$.dynamodb.NewImage.seq.N>"}';
export const DELIVERY_MESSAGE =
  '{"deliveryId":"<$.dynamodb.NewImage.id.S>","attempts":"<$.dynamodb.NewImage.attempts.N>","dueAt":"<$.dynamodb.NewImage.nextAttemptAt.S>"}';

/** The queue URL the delivery handler holds messages back on (adapters/sqs-message-hold.ts). */
export const DELIVERY_QUEUE_ENV = 'DELIVERY_QUEUE_URL';

/** Lambda wants a queue's visibility timeout at least the function's; six times leaves room for retries. */
const visibilityFor = (timeout: Duration) => Duration.seconds(timeout.toSeconds() * 6);

export class PushStack extends Stack {
  readonly outboxQueue: Queue;
  readonly deliveryQueue: Queue;
  readonly relay: NodejsFunction;
  readonly delivery: NodejsFunction;

  constructor(scope: Construct, id: string, props: PushStackProps) {
    super(scope, id, props);
    const { data } = props;
    const environment = runtimeEnvironment(this, props.config, data, props.workflowStackName);

    this.outboxQueue = fifoQueue(this, 'OutboxQueue', visibilityFor(PUSH.relay.timeout));
    streamPipe(this, 'OutboxPipe', {
      description: 'New outbox events to relay, in order per enterprise',
      streamArn: props.tableStreamArn,
      dataKey: data.dataKey,
      filter: writtenItems(keys.outbox('', 0).pk, { delivery: 'pending' }),
      queue: this.outboxQueue,
      // `OUTBOX#<credit code>`: one enterprise's events in their order, every enterprise side by side.
      messageGroupId: '$.dynamodb.Keys.pk.S',
      inputTemplate: OUTBOX_MESSAGE,
    });

    this.deliveryQueue = fifoQueue(this, 'DeliveryQueue', visibilityFor(PUSH.delivery.timeout));
    streamPipe(this, 'DeliveryPipe', {
      description: 'Deliveries that became due, in order per department and enterprise',
      streamArn: props.tableStreamArn,
      dataKey: data.dataKey,
      filter: writtenItems(keys.inboxPartition(''), { status: 'pending' }),
      queue: this.deliveryQueue,
      // `<department>#<credit code>`: a tax outage holds tax's pairs, never hrss's.
      messageGroupId: `$.dynamodb.NewImage.${PAIR_ATTRIBUTE}.S`,
      inputTemplate: DELIVERY_MESSAGE,
    });

    this.relay = registryFunction(this, 'PushRelay', {
      handler: PUSH.relay.handler,
      description: 'Relays outbox events to the departments: one signed delivery per entitled department',
      environment,
      timeout: PUSH.relay.timeout,
    });
    grantRegistryTable(this.relay, data, PUSH.relay.registryTable);
    // Each department event is signed as a JWS with the registry's key, the one the JWKS publishes.
    grantLicenseKey(this.relay, data.licenseSigningKey, 'sign');
    this.relay.addEventSource(
      new SqsEventSource(this.outboxQueue, {
        batchSize: PUSH.relay.batchSize,
        reportBatchItemFailures: true,
      }),
    );

    this.delivery = registryFunction(this, 'PushDelivery', {
      handler: PUSH.delivery.handler,
      description: "Sends due deliveries to the departments' webhooks",
      environment: { ...environment, [DELIVERY_QUEUE_ENV]: this.deliveryQueue.queueUrl },
      timeout: PUSH.delivery.timeout,
    });
    grantRegistryTable(this.delivery, data, PUSH.delivery.registryTable);
    // The webhooks' signing secrets are sealed at rest: the delivery unseals them to sign, never seals.
    grantSealing(this.delivery, data.sealingKey, 'unseal');
    // Consuming includes sqs:ChangeMessageVisibility, which holds a message back until it is due.
    this.delivery.addEventSource(
      new SqsEventSource(this.deliveryQueue, {
        batchSize: PUSH.delivery.batchSize,
        reportBatchItemFailures: true,
      }),
    );

    new CfnOutput(this, 'OutboxDeadLetterQueueUrl', {
      value: this.outboxQueue.deadLetterQueue!.queue.queueUrl,
      description: 'Outbox events whose relay failed repeatedly (the outbox item stays pending)',
    });
    new CfnOutput(this, 'DeliveryDeadLetterQueueUrl', {
      value: this.deliveryQueue.deadLetterQueue!.queue.queueUrl,
      description: 'Delivery messages that failed repeatedly; GET /v1/ops/deliveries shows the deliveries',
    });
  }
}
