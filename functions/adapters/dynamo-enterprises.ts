/**
 * Enterprises in the registry table:
 *
 *   ENT#<creditCode> / ENT           the enterprise; byOwner: its owner's partition, ENT#<establishedOn>#<code>
 *   OUTBOX#<creditCode> / EVT#<seq>  its events, written with the state change that causes them
 *   LICREQ#<creditCode> / LICREQ     the license request, until the e-license issuance takes it
 *
 * A registration completes in one transaction: the enterprise, its first event, the name lock handed
 * from the reservation to the enterprise, the registration `registered`, and the notice to its owner. An
 * order to correct the name is written with the owner's notice, and the corrected name is one transaction
 * too (dynamo-name-change.ts).
 */

import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { EnterpriseRecord, NameCorrection } from '#domain/enterprise';
import type { EnterpriseNameChange, EnterpriseRegistration, EnterpriseStore } from '#ports/enterprises';
import type { Notice } from '#ports/notifications';
import { enterpriseHolder } from '#ports/reservations';
import { dynamoDocumentClient } from './clients.ts';
import { cancelledAt, conditionally, statusUpdate, withoutKeys } from './conditions.ts';
import { requireEnv } from './config.ts';
import { nameChangeItems } from './dynamo-name-change.ts';
import { noticeItem } from './dynamo-notifications.ts';
import { keys, lockClassAttribute } from './keys.ts';
import { ownerPartition } from './owner-listing.ts';

export class DynamoEnterpriseStore implements EnterpriseStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async get(creditCode: string): Promise<EnterpriseRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.enterprise(creditCode), ConsistentRead: true }),
    );
    return Item ? withoutKeys<EnterpriseRecord>(Item) : undefined;
  }

  async register(plan: EnterpriseRegistration): Promise<'created' | 'already'> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: registrationItems(this.table, plan) }));
      return 'created';
    } catch (error) {
      if (cancelledAt(error, 0)) return 'already';
      throw error;
    }
  }

  async seed(enterprise: EnterpriseRecord): Promise<void> {
    await conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.enterprise(enterprise.creditCode), ...enterprise },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  orderNameCorrection(creditCode: string, order: NameCorrection, notice: Notice): Promise<boolean> {
    const ordered = {
      Update: {
        TableName: this.table,
        Key: keys.enterprise(creditCode),
        UpdateExpression: 'SET nameCorrection = :order',
        // One order at a time: a second while the first is pending is a conflict, not an overwrite.
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(nameCorrection) OR attribute_exists(nameCorrection.correctedAt))',
        ExpressionAttributeValues: { ':order': order },
      },
    };
    // The owner's notice with the order it tells of: its id is the order's, so it is written once.
    const told = { Put: { TableName: this.table, Item: noticeItem(notice) } };
    return conditionally(() => this.db.send(new TransactWriteCommand({ TransactItems: [ordered, told] })));
  }

  async changeName(change: EnterpriseNameChange): Promise<'changed' | 'conflict'> {
    const made = await conditionally(() =>
      this.db.send(new TransactWriteCommand({ TransactItems: nameChangeItems(this.table, change) })),
    );
    return made ? 'changed' : 'conflict';
  }
}

/** The items of a registration's completion, in this order: the enterprise first (its existence is the answer to a repeat). */
function registrationItems(table: string, plan: EnterpriseRegistration) {
  const { enterprise, event, registration, notice } = plan;
  const put = (Item: Record<string, unknown>) => ({
    Put: { TableName: table, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  return [
    put({
      ...keys.enterprise(enterprise.creditCode),
      gsi1pk: ownerPartition(enterprise),
      gsi1sk: `ENT#${enterprise.establishedOn}#${enterprise.creditCode}`,
      ...enterprise,
    }),
    put({ ...keys.outbox(event.creditCode, event.seq), ...event, delivery: 'pending' }),
    { Update: lockHandover(table, plan) },
    { Update: registered(table, plan) },
    put({
      ...keys.notice(notice.id),
      gsi1pk: ownerPartition(notice),
      gsi1sk: `NOTE#${notice.at}#${notice.id}`,
      ...notice,
    }),
    put({
      ...keys.licenseRequest(enterprise.creditCode),
      creditCode: enterprise.creditCode,
      registrationId: registration.id,
      requestedAt: event.occurredAt,
      status: 'requested',
    }),
  ];
}

/** The name lock passes from the reservation to the enterprise: the name stays held, now as registered. */
function lockHandover(table: string, { enterprise, lock }: EnterpriseRegistration) {
  return {
    TableName: table,
    Key: keys.nameLock(lock.key),
    UpdateExpression: 'SET #cls = :holder',
    ConditionExpression: '#cls.id = :rid',
    ExpressionAttributeNames: { '#cls': lockClassAttribute(lock.key.industryClass) },
    ExpressionAttributeValues: {
      ':rid': lock.reservationId,
      ':holder': enterpriseHolder(enterprise, lock),
    },
  };
}

/** The registration that has this code, and no other, becomes registered. */
function registered(table: string, { enterprise, registration }: EnterpriseRegistration) {
  const moved = statusUpdate(table, {
    key: keys.registration(registration.id),
    from: registration.move.from,
    to: registration.move.to,
    append: { attribute: 'timeline', entries: registration.move.entries },
    set: { updatedAt: registration.move.entries.at(-1)?.at, enterpriseCreated: true },
  });
  return {
    ...moved,
    ConditionExpression: `(${moved.ConditionExpression}) AND creditCode = :code`,
    ExpressionAttributeValues: { ...moved.ExpressionAttributeValues, ':code': enterprise.creditCode },
  };
}
