/**
 * One conformance suite for the deregistration and registry-list stores, run against the Dynamo adapters
 * on the runtime's DynamoDB Local and against the in-memory twins: whatever the use cases and workflow
 * scenarios learn on the twins holds for the tables. The enterprise is seeded through each side's
 * enterprise store, and its status, event sequence and outbox are read back where that side keeps them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deregisteredEvent, deregisteringEvent, deregistrationNotice } from '#domain/deregistration/events';
import { move } from '#domain/deregistration/lifecycle';
import { ValidationError } from '#domain/errors';
import {
  announcedCase,
  dynamoStores,
  endsAt,
  filedAt,
  filing,
  keep,
  memoryStores,
  openIds,
  run,
  type Stores,
} from './deregistration-support.ts';

describe.each([
  { side: 'Dynamo adapters on DynamoDB Local', make: dynamoStores },
  { side: 'in-memory twins', make: memoryStores },
])('deregistration stores: $side', ({ make }) => {
  let stores: Stores;
  beforeAll(() => {
    stores = make();
  });

  it('files a case with its enterprise deregistering and its start owed; a second filing conflicts', async () => {
    const { record } = await filing(stores);
    expect(await stores.deregistrations.create(record)).toBe('created');
    expect(await stores.deregistrations.get(record.id)).toEqual(record);
    expect((await stores.enterprises.get(record.creditCode))?.status).toBe('deregistering');
    expect(await stores.owesStart(record)).toBe(true);

    const second = { ...record, id: `${record.id}-again` };
    expect(await stores.deregistrations.create(second)).toBe('conflict');
    expect(await stores.deregistrations.get(second.id)).toBeUndefined();
    expect(await stores.deregistrations.create(record)).toBe('conflict');
    expect(await stores.deregistrations.create({ ...record, id: `${record.id}-none`, creditCode: 'X' })).toBe(
      'conflict',
    );
  });

  it('moves a case checking → announced → awaiting_confirmation → deregistering → deregistered', async () => {
    const { record } = await announcedCase(stores);
    let stored = await stores.deregistrations.get(record.id);
    expect(stored?.status).toBe('announced');
    expect(stored?.timeline.map((e) => e.step)).toEqual([
      'filing',
      'eligibility',
      'commitment',
      'announcement',
    ]);
    expect(await stores.owesStart(record)).toBe(false);
    expect(await openIds(stores, filedAt)).toContain(record.id);
    expect(await stores.enterprises.get(record.creditCode)).toMatchObject({
      status: 'deregistering',
      eventSeq: 2,
    });

    expect(await stores.deregistrations.move(record.id, move(endsAt, 'windowPassed'))).toBe(true);
    expect(await openIds(stores, filedAt)).not.toContain(record.id);
    expect(await stores.deregistrations.move(record.id, move(endsAt, 'confirmed'))).toBe(true);

    const at = new Date(endsAt.getTime() + 86_400_000);
    const event = deregisteredEvent(record, 3, at);
    const notice = deregistrationNotice(record, 'deregistered', at);
    const done = await stores.deregistrations.move(record.id, move(at, 'licenseRevoked', 'deregistered'), {
      set: { reasons: [] },
      enterprise: {
        creditCode: record.creditCode,
        from: 'deregistering',
        to: 'deregistered',
        event,
        expectedEventSeq: 2,
      },
      notice,
    });
    expect(done).toBe(true);
    stored = await stores.deregistrations.get(record.id);
    expect(stored).toMatchObject({ status: 'deregistered', updatedAt: at.toISOString(), reasons: [] });
    expect(stored?.timeline).toHaveLength(8);
    expect(await stores.enterprises.get(record.creditCode)).toMatchObject({
      status: 'deregistered',
      eventSeq: 3,
    });
    const outbox = await stores.outbox(record.creditCode);
    expect(outbox.map((e) => [e.seq, e.type])).toEqual([
      [2, 'enterprise.deregistering'],
      [3, 'enterprise.deregistered'],
    ]);
    expect(outbox[1]).toEqual(event);
    const notices = await stores.notifications.listOwned({ sub: record.ownerSub }, undefined, 10);
    expect(notices.items).toEqual([notice]);
  });

  it('refuses a move from a status the case is not in, and writes nothing', async () => {
    const { enterprise, record } = await filing(stores);
    await stores.deregistrations.create(record);
    const event = deregisteredEvent(record, 2, endsAt);
    const moved = await stores.deregistrations.move(record.id, move(endsAt, 'windowPassed'), {
      enterprise: keep({ creditCode: record.creditCode, to: 'deregistered', event }),
    });
    expect(moved).toBe(false);
    expect(await stores.deregistrations.get(record.id)).toEqual(record);
    expect(await stores.enterprises.get(record.creditCode)).toEqual({
      ...enterprise,
      status: 'deregistering',
    });
    expect(await stores.outbox(record.creditCode)).toEqual([]);
    expect(await stores.deregistrations.move('dereg-store-missing', move(endsAt, 'windowPassed'))).toBe(
      false,
    );
  });

  it('refuses an enterprise change on a stale event sequence or status, settling nothing', async () => {
    const { enterprise, record } = await filing(stores);
    await stores.deregistrations.create(record);
    const announce = () => move(filedAt, 'eligibilityPassed', 'commitmentRecorded', 'announced');
    const stale = keep({
      creditCode: record.creditCode,
      expectedEventSeq: 0,
      event: deregisteringEvent(record, 1, filedAt),
    });
    expect(await stores.deregistrations.move(record.id, announce(), { enterprise: stale })).toBe(false);
    const wrongStatus = keep({ creditCode: record.creditCode, from: 'active', to: 'active' });
    expect(await stores.deregistrations.move(record.id, announce(), { enterprise: wrongStatus })).toBe(false);
    expect(await stores.deregistrations.get(record.id)).toEqual(record);
    expect(await stores.enterprises.get(record.creditCode)).toEqual({
      ...enterprise,
      status: 'deregistering',
    });
    expect(await stores.outbox(record.creditCode)).toEqual([]);
    expect(await stores.owesStart(record)).toBe(true);
    expect(await openIds(stores, filedAt)).not.toContain(record.id);
  });

  it('takes objections while the window is open, not at its end, after it, or once the case moved', async () => {
    const { record } = await announcedCase(stores);
    const objection = (at: Date, id: string) => ({
      id,
      by: 'creditor-1',
      role: 'applicant',
      reason: '欠款未清',
      at: at.toISOString(),
    });
    expect(
      await stores.deregistrations.object(record.id, objection(new Date(endsAt.getTime() - 1), 'o1')),
    ).toBe(true);
    expect(await stores.deregistrations.object(record.id, objection(endsAt, 'o2'))).toBe(false);
    expect(
      await stores.deregistrations.object(record.id, objection(new Date(endsAt.getTime() + 1), 'o3')),
    ).toBe(false);
    expect((await stores.deregistrations.get(record.id))?.objections.map((o) => o.id)).toEqual(['o1']);

    const back = {
      creditCode: record.creditCode,
      from: 'deregistering',
      to: 'active',
      expectedEventSeq: 2,
    } as const;
    expect(await stores.deregistrations.move(record.id, move(endsAt, 'objected'), { enterprise: back })).toBe(
      true,
    );
    expect(await stores.deregistrations.object(record.id, objection(filedAt, 'o4'))).toBe(false);
    expect(await stores.deregistrations.get(record.id)).toMatchObject({
      status: 'rejected',
      objections: [{ id: 'o1' }],
    });
    expect(await stores.enterprises.get(record.creditCode)).toMatchObject({ status: 'active', eventSeq: 2 });
    expect(await openIds(stores, filedAt)).not.toContain(record.id);
  });

  it('keeps the token the workflow waits on, set only in its status, and across a move (the mover answers it)', async () => {
    const { record } = await announcedCase(stores);
    const waiting = { kind: 'objections', token: 'task-token-1' } as const;
    expect(await stores.deregistrations.await(record.id, 'awaiting_confirmation', waiting)).toBe(false);
    expect((await stores.deregistrations.get(record.id))?.waiting).toBeUndefined();
    expect(await stores.deregistrations.await(record.id, 'announced', waiting)).toBe(true);
    expect((await stores.deregistrations.get(record.id))?.waiting).toEqual(waiting);
    expect(await stores.deregistrations.move(record.id, move(endsAt, 'windowPassed'))).toBe(true);
    expect((await stores.deregistrations.get(record.id))?.waiting).toEqual(waiting);
  });

  it('lists open announcements soonest end first, page by page, and none whose window ends at `at`', async () => {
    // Far from the other tests' windows, so only these two are open at `from`.
    const from = new Date('2090-01-01T00:00:00Z');
    const later = await announcedCase(stores, new Date('2090-03-01T16:00:00Z'));
    const sooner = await announcedCase(stores, new Date('2090-02-01T16:00:00Z'));
    const first = await stores.deregistrations.openAnnouncements(from, undefined, 1);
    expect(first.items.map((r) => r.id)).toEqual([sooner.record.id]);
    expect(first.nextCursor).not.toBeNull();
    const second = await stores.deregistrations.openAnnouncements(from, first.nextCursor!, 1);
    expect(second.items.map((r) => r.id)).toEqual([later.record.id]);
    expect(second.nextCursor).toBeNull();
    expect(await openIds(stores, new Date('2090-02-01T16:00:00Z'))).toEqual([later.record.id]);
    await expect(stores.deregistrations.openAnnouncements(from, 'bm9wZQ', 1)).rejects.toThrow(
      ValidationError,
    );
  });

  it('keeps registry list entries: by enterprise, by list and authority, replaced and removed', async () => {
    const lists = stores.registryLists;
    const authority = `a${run}`;
    const a = `91440305DRL0000001${run}`;
    const b = `91440305DRL0000002${run}`;
    const c = `91440305DRL0000003${run}`;
    const entry = (list: 'litigation' | 'equity-frozen', creditCode: string, where = authority) => ({
      list,
      creditCode,
      reason: `${list} of ${creditCode}`,
      addedBy: 'examiner-1',
      addedAt: filedAt.toISOString(),
      authority: where,
    });
    await lists.put(entry('litigation', b));
    await lists.put(entry('litigation', a));
    await lists.put(entry('equity-frozen', a));
    await lists.put(entry('litigation', c, `${authority}-other`));

    expect(await lists.entriesFor(a)).toEqual([entry('equity-frozen', a), entry('litigation', a)]);
    const first = await lists.list('litigation', authority, undefined, 1);
    expect(first.items).toEqual([entry('litigation', a)]);
    const second = await lists.list('litigation', authority, first.nextCursor!, 1);
    expect(second).toEqual({ items: [entry('litigation', b)], nextCursor: null });
    expect((await lists.list('litigation', `${authority}-other`, undefined, 10)).items).toEqual([
      entry('litigation', c, `${authority}-other`),
    ]);
    await expect(lists.list('equity-frozen', authority, first.nextCursor!, 1)).rejects.toThrow(
      ValidationError,
    );

    await lists.put({ ...entry('litigation', a), reason: 'a second suit' });
    expect((await lists.entriesFor(a)).map((e) => e.reason)).toEqual([
      `equity-frozen of ${a}`,
      'a second suit',
    ]);
    expect(await lists.remove('litigation', a)).toBe(true);
    expect(await lists.remove('litigation', a)).toBe(false);
    expect(await lists.entriesFor(a)).toEqual([entry('equity-frozen', a)]);
    expect(await lists.list('litigation', authority, undefined, 10)).toEqual({
      items: [entry('litigation', b)],
      nextCursor: null,
    });
  });
});
