/**
 * The department push's plumbing in the cloud: SQS FIFO queues, each with its dead-letter queue, and
 * EventBridge Pipes (L1 `CfnPipe`: no stable L2 exists) from the registry table's stream into them, each
 * with a role that reads that stream and sends to its own queue, and nothing else.
 *
 * Both pipes read the same stream, the limit DynamoDB Streams advises (two readers a shard). A record a
 * pipe cannot put on its queue is retried until the stream drops it (24 hours), which holds the records
 * behind it in order rather than skipping one: a relay that skips an event would break its promise.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { CfnPipe } from 'aws-cdk-lib/aws-pipes';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Receives after which a message is moved to the dead-letter queue (see 0014: what it does and does not mean). */
export const MAX_RECEIVE_COUNT = 5;

/** The most records a pipe puts on an SQS queue at once (SendMessageBatch). */
const PIPE_BATCH = 10;

/** The stream actions a DynamoDB-stream pipe needs (EventBridge Pipes, "DynamoDB execution role"). */
export const STREAM_READ_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

/**
 * A FIFO queue, encrypted by SQS, reachable over TLS only, with a FIFO dead-letter queue for the messages
 * that failed `MAX_RECEIVE_COUNT` receives. Messages are kept the longest SQS allows: a pair held back by
 * a department's long outage must not lose its place.
 */
export function fifoQueue(scope: Construct, id: string, visibilityTimeout: Duration): Queue {
  const retentionPeriod = Duration.days(14);
  const deadLetters = new Queue(scope, `${id}DeadLetters`, {
    fifo: true,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod,
  });
  return new Queue(scope, id, {
    fifo: true,
    // Each message is deduplicated by its stream record's id, so a pipe's retry is not a second message.
    contentBasedDeduplication: false,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod,
    visibilityTimeout,
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVE_COUNT },
  });
}

export interface StreamPipeProps {
  description: string;
  /** The registry table's stream, and the key the table (so its stream) is encrypted with. */
  streamArn: string;
  dataKey: IKey;
  /** The EventBridge event pattern a stream record must match to be sent (its JSON). */
  filter: Record<string, unknown>;
  queue: Queue;
  /** JSON path into the stream record: the FIFO message group. */
  messageGroupId: string;
  /** The message body: ids only (Pipes input template, each `<$.path>` a string of the record). */
  inputTemplate: string;
}

export function streamPipe(scope: Construct, id: string, props: StreamPipeProps): CfnPipe {
  const role = new Role(scope, `${id}Role`, {
    // Only pipes of this account may take the role (the confused-deputy guard).
    assumedBy: new ServicePrincipal('pipes.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
    description: `${props.description}: reads the registry table's stream, sends to its queue`,
  });
  role.addToPolicy(new PolicyStatement({ actions: STREAM_READ_ACTIONS, resources: [props.streamArn] }));
  // Stream records are encrypted with the table's key; read through DynamoDB only.
  role.addToPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [props.dataKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
    }),
  );
  role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.queue.queueArn] }));

  const pipe = new CfnPipe(scope, id, {
    description: props.description,
    roleArn: role.roleArn,
    source: props.streamArn,
    sourceParameters: {
      dynamoDbStreamParameters: {
        // From the oldest record kept: a pipe created after the table still relays what was written before.
        startingPosition: 'TRIM_HORIZON',
        batchSize: PIPE_BATCH,
      },
      filterCriteria: { filters: [{ pattern: JSON.stringify(props.filter) }] },
    },
    target: props.queue.queueArn,
    targetParameters: {
      inputTemplate: props.inputTemplate,
      sqsQueueParameters: {
        messageGroupId: props.messageGroupId,
        messageDeduplicationId: '$.eventID',
      },
    },
    desiredState: 'RUNNING',
  });
  // Pipes checks the role's permissions when it creates the pipe: the policy must be attached first.
  pipe.node.addDependency(role);
  return pipe;
}

/** A stream record of an item written (put or updated), whose key begins with `prefix`, matching `image`. */
export function writtenItems(prefix: string, image: Record<string, string>): Record<string, unknown> {
  return {
    eventName: ['INSERT', 'MODIFY'],
    dynamodb: {
      Keys: { pk: { S: [{ prefix }] } },
      NewImage: Object.fromEntries(Object.entries(image).map(([name, value]) => [name, { S: [value] }])),
    },
  };
}
