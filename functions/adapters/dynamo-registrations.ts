/**
 * Registrations in the registry table.
 *
 *   REG#<id> / REG              the registration; byOwner: OWNER#<sub> or PERSON#<idHash>, REG#<createdAt>#<id>
 *   RES#<id> / RES              its reservation gains `registrationId` while a registration holds it
 *   CODESEQ#<rangeId> / SEQ     the atomic sequence of an authority's code range
 *   CODE#<creditCode> / CODE    a code issued once: which registration has it (or `void` after compensation)
 *   ENT#<creditCode> / ENT      the enterprise
 *   OUTBOX#<creditCode> / EVT#<seq>  its events, written with the state change that causes them
 *   LICREQ#<creditCode> / LICREQ     the license request, until the e-license issuance takes it
 *
 * Every step the workflow takes is a conditional write, so running a task twice changes nothing twice.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RegistrationRecord, RegistrationStatus, TimelineEntry } from '#domain/registration/record';
import type { ReservationRecord } from '#domain/reservation';
import type { Page } from '#ports/reservations';
import { dynamoDocumentClient } from './clients.ts';
import { conditionFailed, moveStatus } from './conditions.ts';
import { requireEnv } from './config.ts';
import { lockKey } from './dynamo-reservations.ts';
import { listOwnedItems, ownerPartition } from './owner-listing.ts';

export const registrationKey = (id: string) => ({ pk: `REG#${id}`, sk: 'REG' });
const reservationKey = (id: string) => ({ pk: `RES#${id}`, sk: 'RES' });
const enterpriseKey = (code: string) => ({ pk: `ENT#${code}`, sk: 'ENT' });

export interface EnterpriseRecord {
  creditCode: string;
  name: string;
  entityType: string;
  status: 'active' | 'deregistering' | 'deregistered';
  establishedOn: string;
  registrationAuthority: string;
  registrationId: string;
  ownerSub: string;
  ownerIdHash?: string;
  /** Sequence of this enterprise's last event (the outbox orders events per enterprise). */
  eventSeq: number;
  /** An authority's order to correct the name; until `correctedAt`, the enterprise is shown by its code. */
  nameCorrection?: { orderedAt: string; by: string; reason: string; correctedAt?: string };
}

export interface OutboxEvent {
  id: string;
  type: string;
  seq: number;
  creditCode: string;
  occurredAt: string;
  recipients: string[];
  data: Record<string, unknown>;
}

function strip(item: Record<string, unknown>): RegistrationRecord {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _k, ...rest } = item;
  return rest as unknown as RegistrationRecord;
}

function cancelled(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}

export class DynamoRegistrationStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  /** Writes the registration and marks its reservation as held by it; false when the reservation is not free. */
  async create(record: RegistrationRecord): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...registrationKey(record.id),
                  gsi1pk: ownerPartition(record),
                  gsi1sk: `REG#${record.createdAt}#${record.id}`,
                  ...record,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: reservationKey(record.reservationId),
                UpdateExpression: 'SET registrationId = :id',
                ConditionExpression: '#status = :reserved AND attribute_not_exists(registrationId)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':id': record.id, ':reserved': 'reserved' },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelled(error, 1)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<RegistrationRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: registrationKey(id), ConsistentRead: true }),
    );
    return Item ? strip(Item) : undefined;
  }

  listOwned(
    owner: { sub: string; idHash?: string },
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<RegistrationRecord>> {
    return listOwnedItems({
      table: this.table,
      owner,
      prefix: 'REG#',
      cursorKind: 'registrations',
      cursor,
      limit,
      toRecord: strip,
      db: this.db,
    });
  }

  /**
   * Moves a registration from one of `from` to `to`, appending to its timeline and setting `set`; false
   * when it was not in one of `from` (another step, or the applicant, got there first).
   */
  async transition(
    id: string,
    from: readonly RegistrationStatus[],
    to: RegistrationStatus,
    entry: TimelineEntry,
    set: Record<string, unknown> = {},
  ): Promise<boolean> {
    return moveStatus(this.db, this.table, {
      key: registrationKey(id),
      from,
      to,
      append: { attribute: 'timeline', entry },
      set: { updatedAt: entry.at, ...set },
    });
  }

  /** Consumes the reservation this registration holds; false when it is no longer reserved for it. */
  async consumeReservation(
    reg: RegistrationRecord,
    at: Date,
  ): Promise<'consumed' | 'already' | 'unavailable'> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: reservationKey(reg.reservationId),
          UpdateExpression: 'SET #status = :consumed, settledAt = :at',
          ConditionExpression: '#status = :reserved AND registrationId = :id AND expiresAt > :at',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':consumed': 'consumed',
            ':reserved': 'reserved',
            ':id': reg.id,
            ':at': at.toISOString(),
          },
        }),
      );
      return 'consumed';
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      const { Item } = await this.db.send(
        new GetCommand({
          TableName: this.table,
          Key: reservationKey(reg.reservationId),
          ConsistentRead: true,
        }),
      );
      return Item?.status === 'consumed' && Item.registrationId === reg.id ? 'already' : 'unavailable';
    }
  }

  /**
   * Gives the reservation back after a withdrawal, a rejection or a failure: reserved again while its
   * period lasts, else expired (and its name lock freed). Idempotent.
   */
  async restoreReservation(reg: RegistrationRecord, at: Date): Promise<void> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: reservationKey(reg.reservationId), ConsistentRead: true }),
    );
    const reservation = Item as (ReservationRecord & { registrationId?: string }) | undefined;
    if (!reservation || reservation.registrationId !== reg.id) return;
    const lapsed = Date.parse(reservation.expiresAt) <= at.getTime();
    const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
      {
        Update: {
          TableName: this.table,
          Key: reservationKey(reg.reservationId),
          UpdateExpression: 'SET #status = :to REMOVE registrationId',
          ConditionExpression: 'registrationId = :id',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': lapsed ? 'expired' : 'reserved', ':id': reg.id },
        },
      },
    ];
    if (lapsed && reservation.status !== 'expired') {
      items.push({
        Update: {
          TableName: this.table,
          Key: lockKey(reservation.lock),
          UpdateExpression: 'REMOVE #cls ADD holderCount :minusOne',
          ConditionExpression: '#cls.id = :rid',
          ExpressionAttributeNames: { '#cls': `c:${reservation.lock.industryClass ?? '*'}` },
          ExpressionAttributeValues: { ':minusOne': -1, ':rid': reservation.id },
        },
      });
    }
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (!cancelled(error, 0)) throw error;
    }
  }

  /** The next value of an authority range's counter: atomic, so concurrent workflows never share one. */
  async nextSequence(rangeId: string): Promise<number> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `CODESEQ#${rangeId}`, sk: 'SEQ' },
        UpdateExpression: 'ADD n :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.n) - 1;
  }

  /** Records `code` as issued to the registration; false when it already has one (a repeated task). */
  async claimCode(regId: string, code: string, at: Date): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  pk: `CODE#${code}`,
                  sk: 'CODE',
                  registrationId: regId,
                  status: 'issued',
                  issuedAt: at.toISOString(),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: registrationKey(regId),
                UpdateExpression: 'SET creditCode = :code',
                ConditionExpression: 'attribute_not_exists(creditCode)',
                ExpressionAttributeValues: { ':code': code },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelled(error, 1)) return false;
      if (cancelled(error, 0))
        throw new Error(`credit code ${code} was issued before: the range counter is behind`);
      throw error;
    }
  }

  /** A code whose enterprise was never made is voided, never reissued. */
  async voidCode(regId: string, code: string, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `CODE#${code}`, sk: 'CODE' },
        UpdateExpression: 'SET #status = :void, voidedAt = :at',
        ConditionExpression: 'registrationId = :id',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':void': 'void', ':at': at.toISOString(), ':id': regId },
      }),
    );
  }

  async getEnterprise(code: string): Promise<EnterpriseRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: enterpriseKey(code), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _k, ...rest } = Item;
    return rest as EnterpriseRecord;
  }

  /**
   * The enterprise, its first event in the outbox, and the name lock handed from the reservation to the
   * enterprise, in one transaction: no enterprise exists without its event (architecture.md).
   */
  async createEnterprise(
    reg: RegistrationRecord,
    reservation: ReservationRecord,
    enterprise: EnterpriseRecord,
    event: OutboxEvent,
  ): Promise<'created' | 'already'> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...enterpriseKey(enterprise.creditCode),
                  gsi1pk: ownerPartition(enterprise),
                  gsi1sk: `ENT#${enterprise.establishedOn}#${enterprise.creditCode}`,
                  ...enterprise,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: {
                  pk: `OUTBOX#${event.creditCode}`,
                  sk: `EVT#${String(event.seq).padStart(8, '0')}`,
                  ...event,
                  delivery: 'pending',
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: lockKey(reservation.lock),
                UpdateExpression: 'SET #cls = :holder',
                ConditionExpression: '#cls.id = :rid',
                ExpressionAttributeNames: { '#cls': `c:${reservation.lock.industryClass ?? '*'}` },
                ExpressionAttributeValues: {
                  ':rid': reservation.id,
                  ':holder': {
                    kind: 'enterprise',
                    id: enterprise.creditCode,
                    name: enterprise.name,
                    status: 'registered',
                    industryClass: reservation.lock.industryClass,
                    trade: reservation.tradeName,
                    industry: reservation.industry,
                  },
                },
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: registrationKey(reg.id),
                UpdateExpression: 'SET enterpriseCreated = :yes',
                ConditionExpression: 'creditCode = :code',
                ExpressionAttributeValues: { ':yes': true, ':code': enterprise.creditCode },
              },
            },
          ],
        }),
      );
      return 'created';
    } catch (error) {
      if (cancelled(error, 0)) return 'already';
      throw error;
    }
  }

  /** Records an enterprise registered before this registry (seeds): once, whatever the number of loads. */
  async seedEnterprise(enterprise: EnterpriseRecord): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...enterpriseKey(enterprise.creditCode), ...enterprise },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  async orderNameCorrection(
    code: string,
    order: NonNullable<EnterpriseRecord['nameCorrection']>,
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: enterpriseKey(code),
        UpdateExpression: 'SET nameCorrection = :order',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':order': order },
      }),
    );
  }

  async requestLicense(code: string, regId: string, at: Date): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: `LICREQ#${code}`,
            sk: 'LICREQ',
            creditCode: code,
            registrationId: regId,
            requestedAt: at.toISOString(),
            status: 'requested',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  async getReservation(id: string): Promise<ReservationRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: reservationKey(id), ConsistentRead: true }),
    );
    return Item ? (withoutKeys(Item) as unknown as ReservationRecord) : undefined;
  }
}

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _k, ...rest } = item;
  return rest;
}
