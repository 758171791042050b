/**
 * A department's webhook in the registry table: WEBHOOK#<dept> / WEBHOOK holds its URL, its signing
 * secret and its health (the delivery store's webhook part, kept apart from the deliveries).
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookHealth } from '#domain/push/retry';
import type { Webhook } from '#ports/deliveries';
import { conditionally, withoutKeys } from './conditions.ts';
import { keys } from './keys.ts';

export async function readWebhook(
  db: DynamoDBDocumentClient,
  table: string,
  department: string,
): Promise<Webhook | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: keys.webhook(department), ConsistentRead: true }),
  );
  return Item ? withoutKeys<Webhook>(Item) : undefined;
}

export async function writeWebhook(
  db: DynamoDBDocumentClient,
  table: string,
  webhook: Webhook,
): Promise<void> {
  await db.send(
    new PutCommand({ TableName: table, Item: { ...keys.webhook(webhook.department), ...webhook } }),
  );
}

/** A webhook removed meanwhile keeps no health: nothing to write. */
export async function writeWebhookHealth(
  db: DynamoDBDocumentClient,
  table: string,
  department: string,
  health: WebhookHealth,
): Promise<void> {
  await conditionally(() =>
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: keys.webhook(department),
        UpdateExpression: 'SET health = :h',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':h': health },
      }),
    ),
  );
}
