/**
 * The one transaction of a corrected name (ports/enterprises.ts `changeName`), in the registry table:
 *
 *   ENT#<code> / ENT                       the new name, the correction made, eventSeq one on (from the values read)
 *   OUTBOX#<code> / EVT#<seq>              `enterprise.changed`
 *   RES#<id> / RES                         the reservation consumed (reserved, held by no registration,
 *                                          within its period)
 *   NAMELOCK#<scope>#<tradeKey> / LOCK     the new name's class slot handed from the reservation to the
 *                                          enterprise; the old name's slot kept, its holder marked changed
 *   PENDING#START / <since>#<execution>    the license reissue the change owes
 *
 * Both names' slots may sit on one lock item (the same trade name in another industry): DynamoDB takes
 * one operation per item in a transaction, so they are then one update.
 */

import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { NameLockKey } from '#domain/reservation';
import type { EnterpriseNameChange } from '#ports/enterprises';
import { enterpriseHolder } from '#ports/reservations';
import { ownedStartPut } from './dynamo-start-ledger.ts';
import { keys, lockClassAttribute } from './keys.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export function nameChangeItems(table: string, change: EnterpriseNameChange): TransactItem[] {
  const { enterprise, expected, event } = change;
  return [
    {
      Update: {
        TableName: table,
        Key: keys.enterprise(enterprise.creditCode),
        UpdateExpression: 'SET #name = :name, nameCorrection = :correction, eventSeq = :seq',
        ConditionExpression:
          '#name = :old AND eventSeq = :expected AND #status = :active AND attribute_exists(nameCorrection) AND attribute_not_exists(nameCorrection.correctedAt)',
        ExpressionAttributeNames: { '#name': 'name', '#status': 'status' },
        ExpressionAttributeValues: {
          ':name': enterprise.name,
          ':correction': enterprise.nameCorrection,
          ':seq': enterprise.eventSeq,
          ':old': expected.name,
          ':expected': expected.eventSeq,
          ':active': 'active',
        },
      },
    },
    {
      Put: {
        TableName: table,
        Item: { ...keys.outbox(event.creditCode, event.seq), ...event, delivery: 'pending' },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: table,
        Key: keys.reservation(change.reservation.id),
        UpdateExpression: 'SET #status = :consumed, settledAt = :at',
        // Within its period: a workflow late to record the expiry does not make a lapsed name usable.
        ConditionExpression:
          '#status = :reserved AND attribute_not_exists(registrationId) AND expiresAt > :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':consumed': 'consumed',
          ':reserved': 'reserved',
          ':at': change.reservation.at,
        },
      },
    },
    ...lockItems(table, change),
    // Last, as everywhere: the start the change owes, settled once the reissue has started.
    ownedStartPut(table, change.start),
  ];
}

const sameItem = (a: NameLockKey, b: NameLockKey) => a.scope === b.scope && a.tradeKey === b.tradeKey;

/** One slot's part of a lock item's update. */
interface SlotWrite {
  set: string;
  condition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function lockUpdate(table: string, key: NameLockKey, parts: SlotWrite[]): TransactItem {
  return {
    Update: {
      TableName: table,
      Key: keys.nameLock(key),
      UpdateExpression: `SET ${parts.map((p) => p.set).join(', ')}`,
      ConditionExpression: parts.map((p) => p.condition).join(' AND '),
      ExpressionAttributeNames: Object.assign({}, ...parts.map((p) => p.names)),
      ExpressionAttributeValues: Object.assign({}, ...parts.map((p) => p.values)),
    },
  };
}

/** The new name's slot taken over from the reservation; the old one's marked changed, on the same item or its own. */
function lockItems(table: string, change: EnterpriseNameChange): TransactItem[] {
  const { enterprise, lock, formerLock } = change;
  const newSlot = lockClassAttribute(lock.key.industryClass);
  const handover: SlotWrite = {
    set: '#new = :holder',
    condition: '#new.id = :rid',
    names: { '#new': newSlot },
    values: {
      ':holder': enterpriseHolder(enterprise, lock),
      ':rid': change.reservation.id,
    },
  };
  if (!formerLock) return [lockUpdate(table, lock.key, [handover])];
  const oldSlot = lockClassAttribute(formerLock.key.industryClass);
  const marking: SlotWrite = {
    set: '#old.#st = :changed, #old.endedOn = :ended',
    condition: '#old.id = :code',
    names: { '#old': oldSlot, '#st': 'status' },
    values: { ':changed': 'changed', ':ended': formerLock.endedOn, ':code': enterprise.creditCode },
  };
  if (!sameItem(formerLock.key, lock.key))
    return [lockUpdate(table, lock.key, [handover]), lockUpdate(table, formerLock.key, [marking])];
  // One slot cannot be both (the reservation could not have taken a slot the enterprise held): the new name wins.
  return [lockUpdate(table, lock.key, oldSlot === newSlot ? [handover] : [handover, marking])];
}
