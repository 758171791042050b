/**
 * The one module that creates AWS SDK clients, once per process, and the only code that reads service
 * endpoints from the environment. In the cloud the variables are unset and the SDK finds AWS; the local
 * runtime points them at DynamoDB Local, s3rver and its Step Functions endpoint on loopback.
 *
 * Every client counts its storage round trips (each HTTP attempt, retries included), so benchmarks and
 * tests can state how many a path costs. In the cloud every client is also traced (captureClientsWith).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Pluggable } from '@smithy/types';

const endpoint = (service: string): string | undefined =>
  process.env[`AWS_ENDPOINT_URL_${service}`] || undefined;

/**
 * A Lambda serves one request at a time; the local runtime serves many from one process, so its clients
 * may open more than the SDK's default 50 sockets to the engines on loopback.
 */
const requestHandler = () => new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 256 } });

const counts = { dynamodb: 0, s3: 0, sfn: 0, kms: 0, sqs: 0 };

const byCommand = new Map<string, number>();

/** Round trips made so far by this process, per service. */
export function roundTrips(): Readonly<typeof counts> {
  return { ...counts };
}

/** Round trips made so far, per command (`dynamodb:TransactWriteItemsCommand`, …): benchmarks weigh each by its cost. */
export function roundTripsByCommand(): ReadonlyMap<string, number> {
  return new Map(byCommand);
}

function counting<I extends object, O extends object>(service: keyof typeof counts): Pluggable<I, O> {
  return {
    applyToStack: (stack) => {
      stack.add(
        (next, context) => async (args) => {
          counts[service]++;
          const key = `${service}:${context.commandName ?? 'unknown'}`;
          byCommand.set(key, (byCommand.get(key) ?? 0) + 1);
          return next(args);
        },
        { step: 'finalizeRequest', name: `count-${service}-round-trips`, priority: 'low' },
      );
    },
  };
}

/** Wraps a client so that each call is recorded (X-Ray through the Powertools Tracer, in the cloud). */
export type ClientCapture = <C extends object>(client: C) => C;

let capture: ClientCapture | undefined;

/**
 * Captures every client made from now on: the cloud's entries install X-Ray's (infra/cloud/tracing.ts),
 * the local runtime installs none, so it neither loads the X-Ray SDK nor needs a daemon. A client for a
 * local engine (its endpoint set) is never captured, whoever installed a capture.
 */
export function captureClientsWith(wrap: ClientCapture): void {
  capture = wrap;
}

function captured<C extends object>(service: string, client: C): C {
  return capture && !endpoint(service) ? capture(client) : client;
}

let dynamo: DynamoDBDocumentClient | undefined;
let s3: S3Client | undefined;
let sfn: SFNClient | undefined;
let kms: KMSClient | undefined;
let sqs: SQSClient | undefined;

/**
 * The endpoint each client was made for. A process that starts a second local runtime (a benchmark on
 * disk, then in memory) gets clients for the new engines; in the cloud the endpoints never change.
 */
const madeFor: Record<string, string | undefined> = {};
function stale(service: string): boolean {
  const now = endpoint(service);
  if (madeFor[service] === now) return false;
  madeFor[service] = now;
  return true;
}

export function dynamoDocumentClient(): DynamoDBDocumentClient {
  if (stale('DYNAMODB') || !dynamo) {
    // The base client is captured: the document client sends through its middleware stack.
    const base = captured(
      'DYNAMODB',
      new DynamoDBClient({
        endpoint: endpoint('DYNAMODB'),
        maxAttempts: 4,
        requestHandler: requestHandler(),
      }),
    );
    base.middlewareStack.use(counting('dynamodb'));
    dynamo = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return dynamo;
}

export function s3Client(): S3Client {
  if (stale('S3') || !s3) {
    const local = endpoint('S3');
    s3 = captured(
      'S3',
      new S3Client({
        endpoint: local,
        requestHandler: requestHandler(),
        // s3rver serves path-style only, and stores a streamed body still wrapped in the chunked framing
        // unless checksums are computed only when an operation requires them (architecture.md).
        forcePathStyle: Boolean(local),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    );
    s3.middlewareStack.use(counting('s3'));
  }
  return s3;
}

export function stepFunctionsClient(): SFNClient {
  if (stale('SFN') || !sfn) {
    sfn = captured('SFN', new SFNClient({ endpoint: endpoint('SFN'), maxAttempts: 4 }));
    sfn.middlewareStack.use(counting('sfn'));
  }
  return sfn;
}

export function kmsClient(): KMSClient {
  if (stale('KMS') || !kms) {
    kms = captured('KMS', new KMSClient({ endpoint: endpoint('KMS'), maxAttempts: 4 }));
    kms.middlewareStack.use(counting('kms'));
  }
  return kms;
}

/** The cloud's delivery queue only (the local runtime polls its due list and has no queue). */
export function sqsClient(): SQSClient {
  if (stale('SQS') || !sqs) {
    sqs = captured('SQS', new SQSClient({ endpoint: endpoint('SQS'), maxAttempts: 4 }));
    sqs.middlewareStack.use(counting('sqs'));
  }
  return sqs;
}
