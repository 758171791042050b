/**
 * Idempotency records in the registry table: IDEMPOTENCY#<caller>#<route>#<key> / IDEMPOTENCY.
 * The claim is one conditional put that returns the old record when it fails, so a first request costs
 * one write to claim and one to complete, and a repeat costs one write attempt and nothing more.
 */
import { type AttributeValue, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '#ports/idempotency';
import { dynamoDocumentClient } from './clients.ts';
import { requireEnv } from './config.ts';

const KEEP_SECONDS = 24 * 3600;
/** A claim older than this belongs to a request that died (a Lambda times out at 30 s): it may be taken over. */
const IN_PROGRESS_SECONDS = 60;

const key = (k: string) => ({ pk: `IDEMPOTENCY#${k}`, sk: 'IDEMPOTENCY' });

export class DynamoIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async claim(k: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    const nowSec = Math.floor(now.getTime() / 1000);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            ...key(k),
            state: 'in_progress',
            requestHash,
            inProgressUntil: nowSec + IN_PROGRESS_SECONDS,
            ttl: nowSec + KEEP_SECONDS,
          },
          ConditionExpression:
            'attribute_not_exists(pk) OR #ttl < :now OR (#state = :inProgress AND inProgressUntil < :now)',
          ExpressionAttributeNames: { '#ttl': 'ttl', '#state': 'state' },
          ExpressionAttributeValues: { ':now': nowSec, ':inProgress': 'in_progress' },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { state: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) || !error.Item) throw error;
      const old = unmarshall(error.Item as Record<string, AttributeValue>);
      if (old.requestHash !== requestHash) return { state: 'mismatch' };
      if (old.state === 'completed') return { state: 'completed', response: old.response as StoredResponse };
      return { state: 'in_progress' };
    }
  }

  async complete(k: string, response: StoredResponse, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key(k),
        UpdateExpression: 'SET #state = :completed, #response = :response, #ttl = :ttl',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response', '#ttl': 'ttl' },
        ExpressionAttributeValues: {
          ':completed': 'completed',
          ':response': response,
          ':ttl': Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
        },
      }),
    );
  }

  async abandon(k: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: key(k) }));
  }
}
