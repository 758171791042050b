/**
 * Reservations in the registry table.
 *
 *   RES#<id> / RES                     the reservation; byOwner index: OWNER#<sub> or PERSON#<idHash>
 *   NAMELOCK#<scope>#<tradeKey> / LOCK one item per normalized trade name in a scope, with one attribute
 *                                      per industry class held (`c:<class>`, `c:*` for a name without
 *                                      industry) and `holderCount`
 *
 * Every variant the rules call identical meets on the same lock item, so a single conditional update
 * decides between concurrent applicants; the reservation and the lock are written in one transaction,
 * with the marker of the workflow start it owes (dynamo-start-ledger.ts), settled by that workflow's first step.
 */
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { NameLockKey, ReservationRecord, ReservationStatus } from '#domain/reservation';
import type { Owner, Page } from '#ports/page';
import type { LockHolder, ReservationStore, ReserveOutcome } from '#ports/reservations';
import { reservationStart } from '#ports/start-ledger';
import { dynamoDocumentClient } from './clients.ts';
import { requireEnv } from './config.ts';
import { ownedStartPut } from './dynamo-start-ledger.ts';
import { keys, lockClassAttribute } from './keys.ts';
import { listOwnedItems, ownerPartition } from './owner-listing.ts';

const reservationKey = keys.reservation;
const lockKey = keys.nameLock;
const classAttr = lockClassAttribute;

type StoredHolder = LockHolder & { industryClass: string | null };

function toRecord(item: Record<string, unknown>): ReservationRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...record } = item;
  return record as unknown as ReservationRecord;
}

export class DynamoReservationStore implements ReservationStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async reserve(record: ReservationRecord): Promise<ReserveOutcome> {
    const holder: StoredHolder = {
      kind: 'reservation',
      id: record.id,
      name: record.name,
      status: 'reserved',
      industryClass: record.lock.industryClass,
      trade: record.tradeName,
      industry: record.industry,
    };
    const lockCondition =
      record.lock.industryClass === null
        ? 'attribute_not_exists(pk) OR holderCount = :zero'
        : 'attribute_not_exists(#cls) AND attribute_not_exists(#any)';
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...reservationKey(record.id),
                  gsi1pk: ownerPartition(record),
                  gsi1sk: `RES#${record.reservedAt}#${record.id}`,
                  ...record,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: lockKey(record.lock),
                UpdateExpression: 'SET #cls = :holder ADD holderCount :one',
                ConditionExpression: lockCondition,
                ExpressionAttributeNames: {
                  '#cls': classAttr(record.lock.industryClass),
                  ...(record.lock.industryClass === null ? {} : { '#any': classAttr(null) }),
                },
                ExpressionAttributeValues: {
                  ':holder': holder,
                  ':one': 1,
                  ...(record.lock.industryClass === null ? { ':zero': 0 } : {}),
                },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            // Last, so the reasons above keep their places: the start reserveName makes next, owed until made.
            ownedStartPut(this.table, reservationStart(record)),
          ],
        }),
      );
      return { reserved: true };
    } catch (error) {
      const lockReason =
        error instanceof TransactionCanceledException ? error.CancellationReasons?.[1] : undefined;
      if (lockReason?.Code !== 'ConditionalCheckFailed') throw error;
      // Cancellation reasons come back as raw attribute values: the document client does not unmarshall them.
      const old = lockReason.Item ? unmarshall(lockReason.Item as Record<string, AttributeValue>) : undefined;
      return { reserved: false, heldBy: holdersIn(old)[0] };
    }
  }

  async get(id: string): Promise<ReservationRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: reservationKey(id), ConsistentRead: true }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  listOwned(owner: Owner, cursor: string | undefined, limit: number): Promise<Page<ReservationRecord>> {
    return listOwnedItems({
      table: this.table,
      owner,
      prefix: 'RES#',
      cursorKind: 'reservations',
      cursor,
      limit,
      toRecord,
      db: this.db,
    });
  }

  /** Notes that the holder was reminded; false when that was already done (a repeated task). */
  async markReminded(id: string, at: Date): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: reservationKey(id),
          UpdateExpression: 'SET remindedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(remindedAt)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async settle(
    record: ReservationRecord,
    to: Exclude<ReservationStatus, 'reserved'>,
    at: Date,
  ): Promise<boolean> {
    const due = to === 'expired' ? ' AND expiresAt <= :at' : '';
    // A reservation a registration holds is settled by that registration only (consumed, or given back).
    const free = to === 'consumed' ? '' : ' AND attribute_not_exists(registrationId)';
    const freesLock = to !== 'consumed';
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.table,
                Key: reservationKey(record.id),
                UpdateExpression: 'SET #status = :to, settledAt = :now',
                ConditionExpression: `#status = :reserved${due}${free}`,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':to': to,
                  ':now': at.toISOString(),
                  ':reserved': 'reserved',
                  ...(due ? { ':at': at.toISOString() } : {}),
                },
              },
            },
            ...(freesLock
              ? [
                  {
                    Update: {
                      TableName: this.table,
                      Key: lockKey(record.lock),
                      UpdateExpression: 'REMOVE #cls ADD holderCount :minusOne',
                      ConditionExpression: '#cls.id = :id',
                      ExpressionAttributeNames: { '#cls': classAttr(record.lock.industryClass) },
                      ExpressionAttributeValues: { ':minusOne': -1, ':id': record.id },
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      ) {
        return false;
      }
      throw error;
    }
  }

  /**
   * Records an existing enterprise's name in its lock (seeding, and later registration). Idempotent: a
   * second call with the same enterprise changes nothing, so seeds can be loaded at every start.
   */
  async holdForEnterprise(
    lock: NameLockKey,
    enterprise: { creditCode: string; name: string; tradeName: string; industry: string | null },
  ): Promise<'held' | 'already'> {
    const holder: StoredHolder = {
      kind: 'enterprise',
      id: enterprise.creditCode,
      name: enterprise.name,
      status: 'registered',
      industryClass: lock.industryClass,
      trade: enterprise.tradeName,
      industry: enterprise.industry,
    };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: lockKey(lock),
          UpdateExpression: 'SET #cls = :holder ADD holderCount :one',
          ConditionExpression: 'attribute_not_exists(#cls)',
          ExpressionAttributeNames: { '#cls': classAttr(lock.industryClass) },
          ExpressionAttributeValues: { ':holder': holder, ':one': 1 },
        }),
      );
      return 'held';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'already';
      throw error;
    }
  }
}

function holdersIn(item: Record<string, unknown> | undefined): StoredHolder[] {
  if (!item) return [];
  return Object.entries(item)
    .filter(([k]) => k.startsWith('c:'))
    .map(([, v]) => v as StoredHolder);
}
