/**
 * The operators' per-department view of the push, read without touching the inbox: one BatchGetItem for
 * every department's inbox head (`n`: events sent), counters (acknowledged, failed) and webhook, and one
 * Query of one item per department on the byOwner index (UNACK#<dept>, the oldest unacknowledged event's
 * position). 1 + departments round trips, whatever the inbox holds.
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DepartmentState, Webhook } from '#ports/deliveries';
import { batchGet } from './dynamo-delivery-relay.ts';
import { webhookOf } from './dynamo-webhooks.ts';
import { keys } from './keys.ts';

const INDEX = 'byOwner';

/** The time part of an inbox position, `<sentAt>#<n>`. */
const sentAtOf = (position: string) => position.slice(0, position.lastIndexOf('#'));

async function oldestUnacknowledged(
  db: DynamoDBDocumentClient,
  table: string,
  department: string,
): Promise<string | undefined> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      IndexName: INDEX,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.unacknowledged(department) },
      ProjectionExpression: 'gsi1sk',
      Limit: 1,
    }),
  );
  const position = Items[0]?.gsi1sk as string | undefined;
  return position === undefined ? undefined : sentAtOf(position);
}

export async function readDepartmentStates(
  db: DynamoDBDocumentClient,
  table: string,
  departments: readonly string[],
): Promise<DepartmentState[]> {
  const [items, oldest] = await Promise.all([
    batchGet(
      db,
      table,
      departments.flatMap((d) => [keys.inboxHead(d), keys.pushCounts(d), keys.webhook(d)]),
    ),
    Promise.all(departments.map((d) => oldestUnacknowledged(db, table, d))),
  ]);
  return departments.map((department, i) => {
    const head = items.get(keys.inboxHead(department).pk);
    const counts = items.get(keys.pushCounts(department).pk);
    const hook = items.get(keys.webhook(department).pk);
    const webhook: Webhook | undefined = hook ? webhookOf(hook) : undefined;
    const oldestUnacknowledgedAt = oldest[i];
    return {
      department,
      sent: (head?.n as number | undefined) ?? 0,
      acknowledged: (counts?.acknowledged as number | undefined) ?? 0,
      failed: (counts?.failed as number | undefined) ?? 0,
      ...(oldestUnacknowledgedAt ? { oldestUnacknowledgedAt } : {}),
      ...(webhook ? { webhook } : {}),
    };
  });
}
