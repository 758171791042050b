/**
 * The corrected name's transaction items: one operation per item, as DynamoDB requires, when both names'
 * lock slots sit on one lock item (the same trade name in another industry); two updates otherwise; no
 * marking of an old lock the enterprise does not hold.
 */
import { describe, expect, it } from 'vitest';
import { nameChangeItems } from '#adapters/dynamo-name-change';
import type { EnterpriseNameChange } from '#ports/enterprises';

const CODE = '91440305MA5G000011';
const change = (former?: EnterpriseNameChange['formerLock']): EnterpriseNameChange => ({
  enterprise: {
    creditCode: CODE,
    name: '深圳市青云咨询有限公司',
    entityType: 'limited_liability_company',
    status: 'active',
    establishedOn: '2026-03-16',
    registrationAuthority: '440305',
    registrationId: 'reg-1',
    ownerSub: 'alice',
    eventSeq: 3,
    nameCorrection: { orderedAt: 'x', by: 'e', reason: 'r', correctedAt: 'y' },
  },
  expected: { name: '深圳市青云科技有限公司', eventSeq: 2 },
  event: {
    id: `${CODE}-3`,
    type: 'enterprise.changed',
    seq: 3,
    creditCode: CODE,
    occurredAt: '2026-03-16T02:00:00.000Z',
    recipients: [],
    data: {},
  },
  reservation: { id: 'res-2', at: '2026-03-16T02:00:00.000Z' },
  lock: {
    key: { scope: 'S', tradeKey: '青云', industryClass: 'consulting' },
    tradeName: '青云',
    industry: '咨询',
  },
  ...(former ? { formerLock: former } : {}),
  start: { workflow: 'license-reissue', executionName: 'e', input: {}, since: '2026-03-16T02:00:00.000Z' },
});

const lockUpdates = (c: EnterpriseNameChange) =>
  nameChangeItems('registry', c)
    .map((i) => i.Update)
    .filter((u) => u && String(u.Key?.pk).startsWith('NAMELOCK#'));

describe('nameChangeItems', () => {
  it('writes the enterprise from the values read, its event, the reservation consumed and the start owed', () => {
    const items = nameChangeItems('registry', change());
    expect(items[0]?.Update?.ConditionExpression).toContain('eventSeq = :expected');
    expect(items[0]?.Update?.ExpressionAttributeValues).toMatchObject({ ':expected': 2, ':seq': 3 });
    expect(items[1]?.Put?.Item).toMatchObject({ pk: `OUTBOX#${CODE}`, type: 'enterprise.changed' });
    expect(items[2]?.Update?.Key).toEqual({ pk: 'RES#res-2', sk: 'RES' });
    expect(items.at(-1)?.Put?.Item).toMatchObject({ pk: 'PENDING#START', workflow: 'license-reissue' });
  });

  it('merges both slots into one update when both names meet on one lock item', () => {
    const updates = lockUpdates(
      change({ key: { scope: 'S', tradeKey: '青云', industryClass: 'tech' }, endedOn: '2026-03-16' }),
    );
    expect(updates).toHaveLength(1);
    expect(updates[0]?.UpdateExpression).toBe(
      'SET #new = :holder, #old.#st = :changed, #old.endedOn = :ended',
    );
    expect(updates[0]?.ExpressionAttributeNames).toEqual({
      '#new': 'c:consulting',
      '#old': 'c:tech',
      '#st': 'status',
    });
  });

  it('updates two lock items for two trade names, and only the new one when the old lock is not held', () => {
    const two = lockUpdates(
      change({ key: { scope: 'S', tradeKey: '白云', industryClass: 'consulting' }, endedOn: '2026-03-16' }),
    );
    expect(two.map((u) => u?.Key?.pk)).toEqual(['NAMELOCK#S#青云', 'NAMELOCK#S#白云']);
    expect(two[1]?.ConditionExpression).toBe('#old.id = :code');
    expect(lockUpdates(change()).map((u) => u?.UpdateExpression)).toEqual(['SET #new = :holder']);
  });
});
