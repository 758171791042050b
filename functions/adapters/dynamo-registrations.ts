/**
 * Registrations in the registry table, and the hold each keeps on its reservation:
 *
 *   REG#<id> / REG    the registration; byOwner: OWNER#<sub> or PERSON#<idHash>, REG#<createdAt>#<id>
 *   RES#<id> / RES    its reservation gains `registrationId` while a registration holds it
 *   PENDING#START / … the workflow start a new registration owes, until its reservation is consumed
 *                     or given back (dynamo-start-ledger.ts)
 *
 * Every status change is a lifecycle `Move` written as one conditional update, together with the effect
 * it has on the reservation where it has one, so a task run twice changes nothing twice.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Move } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';
import type { ReservationRecord } from '#domain/reservation';
import type { Owner, Page } from '#ports/page';
import type { Consumption, RegistrationStore, Release } from '#ports/registrations';
import { registrationStart } from '#ports/start-ledger';
import { dynamoDocumentClient } from './clients.ts';
import { cancelledAt, moveStatus, statusUpdate, withoutKeys } from './conditions.ts';
import { requireEnv } from './config.ts';
import { ownedStartPut, settledStartDelete } from './dynamo-start-ledger.ts';
import { keys, lockClassAttribute } from './keys.ts';
import { listOwnedItems, ownerPartition } from './owner-listing.ts';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

export class DynamoRegistrationStore implements RegistrationStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async create(record: RegistrationRecord): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...keys.registration(record.id),
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
                Key: keys.reservation(record.reservationId),
                UpdateExpression: 'SET registrationId = :id',
                ConditionExpression:
                  '#status = :reserved AND attribute_not_exists(registrationId) AND expiresAt > :now',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':id': record.id,
                  ':reserved': 'reserved',
                  ':now': record.createdAt,
                },
              },
            },
            // Last, so the reasons above keep their places: the start recordRegistration makes next.
            ownedStartPut(this.table, registrationStart(record)),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledAt(error, 1)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<RegistrationRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.registration(id), ConsistentRead: true }),
    );
    return Item ? withoutKeys<RegistrationRecord>(Item) : undefined;
  }

  listOwned(owner: Owner, cursor: string | undefined, limit: number): Promise<Page<RegistrationRecord>> {
    return listOwnedItems({
      table: this.table,
      owner,
      prefix: 'REG#',
      cursorKind: 'registrations',
      cursor,
      limit,
      toRecord: (item) => withoutKeys<RegistrationRecord>(item),
      db: this.db,
    });
  }

  move(id: string, move: Move, set: Record<string, unknown> = {}): Promise<boolean> {
    return moveStatus(this.db, this.table, this.statusMove(id, move, set));
  }

  private statusMove(id: string, move: Move, set: Record<string, unknown> = {}) {
    return {
      key: keys.registration(id),
      from: move.from,
      to: move.to,
      append: { attribute: 'timeline', entries: move.entries },
      set: { updatedAt: move.entries.at(-1)?.at, ...set },
    };
  }

  async consumeReservation(reg: RegistrationRecord, at: Date, move: Move): Promise<Consumption> {
    const consume = {
      Update: {
        TableName: this.table,
        Key: keys.reservation(reg.reservationId),
        UpdateExpression: 'SET #status = :consumed, settledAt = :at',
        // No expiry check: a reservation held by a submitted registration cannot lapse while it is decided.
        ConditionExpression: '#status = :reserved AND registrationId = :id',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':consumed': 'consumed',
          ':reserved': 'reserved',
          ':id': reg.id,
          ':at': at.toISOString(),
        },
      },
    };
    const update = { Update: statusUpdate(this.table, this.statusMove(reg.id, move)) };
    // A step of the registration's workflow runs: the start its creation owed is made (last item).
    const settle = settledStartDelete(this.table, registrationStart(reg));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [consume, update, settle] }));
      return 'consumed';
    } catch (error) {
      // The reservation first: a repeated task finds it consumed *and* the case moved on (both items
      // refused); only a case that cannot move while its reservation is still held is an error.
      if (!cancelledAt(error, 0)) {
        if (cancelledAt(error, 1)) throw new Error(`registration ${reg.id} cannot make this move now`);
        throw error;
      }
    }
    const reservation = await this.getReservation(reg.reservationId);
    const mine = reservation?.status === 'consumed' && reservation.registrationId === reg.id;
    if (!mine) return 'unavailable';
    // Consumed by an earlier run of the same task, in the same transaction as its move: nothing is owed.
    return 'already';
  }

  async release(
    reg: RegistrationRecord,
    at: Date,
    move: Move,
    set: Record<string, unknown> = {},
  ): Promise<Release> {
    const reservation = await this.getReservation(reg.reservationId);
    const items: TransactItems = [{ Update: statusUpdate(this.table, this.statusMove(reg.id, move, set)) }];
    const held = reservation?.registrationId === reg.id;
    if (held) items.push(...this.giveBack(reservation, reg.id, at));
    // The case has ended: a start its creation still owed must not be made any more (last item).
    items.push(settledStartDelete(this.table, registrationStart(reg)));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (cancelledAt(error, 0)) return { moved: false };
      throw error;
    }
    if (!held) return { moved: true };
    const { registrationId: _r, ...given } = reservation;
    return { moved: true, reservation: { ...given, status: givenBackAs(reservation, at) } };
  }

  /** The reservation reserved again while its period lasts, else expired with its lock freed. */
  private giveBack(reservation: ReservationRecord & { registrationId?: string }, regId: string, at: Date) {
    const lapsed = givenBackAs(reservation, at) === 'expired';
    const items: TransactItems = [
      {
        Update: {
          TableName: this.table,
          Key: keys.reservation(reservation.id),
          UpdateExpression: 'SET #status = :to REMOVE registrationId',
          ConditionExpression: 'registrationId = :id',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':to': lapsed ? 'expired' : 'reserved', ':id': regId },
        },
      },
    ];
    if (lapsed && reservation.status !== 'expired') {
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.nameLock(reservation.lock),
          UpdateExpression: 'REMOVE #cls ADD holderCount :minusOne',
          ConditionExpression: '#cls.id = :rid',
          ExpressionAttributeNames: { '#cls': lockClassAttribute(reservation.lock.industryClass) },
          ExpressionAttributeValues: { ':minusOne': -1, ':rid': reservation.id },
        },
      });
    }
    return items;
  }

  async getReservation(id: string): Promise<(ReservationRecord & { registrationId?: string }) | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.reservation(id), ConsistentRead: true }),
    );
    return Item ? withoutKeys<ReservationRecord>(Item) : undefined;
  }
}

/** Reserved again while its period lasts, else expired. */
function givenBackAs(reservation: ReservationRecord, at: Date): 'reserved' | 'expired' {
  return Date.parse(reservation.expiresAt) <= at.getTime() ? 'expired' : 'reserved';
}
