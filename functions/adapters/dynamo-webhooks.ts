/**
 * A department's webhook in the registry table: WEBHOOK#<dept> / WEBHOOK holds its URL, its signing
 * secret sealed (`sealedSecret`: the item never holds a `whsec_…`) and its health (the delivery store's
 * webhook part, kept apart from the deliveries).
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookHealth } from '#domain/push/retry';
import type { Webhook } from '#ports/deliveries';
import { conditionally, withoutKeys } from './conditions.ts';
import { keys } from './keys.ts';

/**
 * The webhook a stored item holds. One stored before secrets were sealed (a local data directory of an
 * earlier version) reads as disabled, asking to be registered again, rather than being signed with.
 */
export function webhookOf(item: Record<string, unknown>): Webhook {
  const { secret: _plain, ...hook } = withoutKeys<Webhook & { secret?: string }>(item);
  if (typeof hook.sealedSecret === 'string') return hook;
  return {
    ...hook,
    sealedSecret: '',
    health: {
      status: 'disabled',
      since: hook.registeredAt,
      why: 'registered before webhook secrets were sealed: register the webhook again',
      consecutiveFailures: 0,
    },
  };
}

export async function readWebhook(
  db: DynamoDBDocumentClient,
  table: string,
  department: string,
): Promise<Webhook | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: table, Key: keys.webhook(department), ConsistentRead: true }),
  );
  return Item ? webhookOf(Item) : undefined;
}

export async function writeWebhook(
  db: DynamoDBDocumentClient,
  table: string,
  webhook: Webhook,
): Promise<void> {
  const { department, url, sealedSecret, registeredAt, health } = webhook;
  // A guard, not a policy: the use case seals the secret; an open one is a bug, never stored.
  if (sealedSecret.startsWith('whsec_')) throw new Error('a webhook secret is stored sealed, never open');
  await db.send(
    new PutCommand({
      TableName: table,
      Item: { ...keys.webhook(department), department, url, sealedSecret, registeredAt, health },
    }),
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
