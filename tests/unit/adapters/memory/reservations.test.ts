import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { ValidationError } from '#domain/errors';
import { DAY, later, lock, reservation, T0 } from './fixtures.ts';

describe('MemoryReservationStore.reserve', () => {
  it('lets exactly one of two concurrent reservations of a lock win, and names the holder', async () => {
    const { reservations } = memoryPorts({ now: T0 });
    const outcomes = await Promise.all([
      reservations.reserve(reservation('a')),
      reservations.reserve(reservation('b')),
    ]);
    expect(outcomes.filter((o) => o.reserved)).toHaveLength(1);
    expect(outcomes[1]).toEqual({
      reserved: false,
      heldBy: expect.objectContaining({
        kind: 'reservation',
        id: 'a',
        status: 'reserved',
        industryClass: 'I65',
      }),
    });
    expect(await reservations.get('b')).toBeUndefined();
  });

  it('lets two industry classes of one trade name stand side by side', async () => {
    const { reservations } = memoryPorts();
    expect(await reservations.reserve(reservation('a', { lock: lock('I65') }))).toEqual({ reserved: true });
    expect(await reservations.reserve(reservation('b', { lock: lock('F51') }))).toEqual({ reserved: true });
    expect(reservations.holders(lock(null)).map((h) => h.id)).toEqual(['a', 'b']);
  });

  it('makes a name without industry collide with every class, and every class with it', async () => {
    const first = memoryPorts().reservations;
    await first.reserve(reservation('classed', { lock: lock('I65') }));
    expect(await first.reserve(reservation('bare', { lock: lock(null) }))).toMatchObject({
      reserved: false,
      heldBy: { id: 'classed' },
    });

    const second = memoryPorts().reservations;
    await second.reserve(reservation('bare', { lock: lock(null) }));
    expect(await second.reserve(reservation('classed', { lock: lock('F51') }))).toMatchObject({
      reserved: false,
      heldBy: { id: 'bare', industryClass: null },
    });
  });

  it('keeps other trade names and scopes apart', async () => {
    const { reservations } = memoryPorts();
    await reservations.reserve(reservation('a'));
    expect(await reservations.reserve(reservation('b', { lock: lock('I65', '银河') }))).toEqual({
      reserved: true,
    });
    expect(
      await reservations.reserve(reservation('c', { lock: { ...lock('I65'), scope: '110000' } })),
    ).toEqual({
      reserved: true,
    });
  });

  it('refuses an id written before (ids are fresh: a repeat is a bug)', async () => {
    const { reservations } = memoryPorts();
    await reservations.reserve(reservation('a'));
    await expect(reservations.reserve(reservation('a', { lock: lock('F51') }))).rejects.toThrow(/exists/);
  });

  it('hands out copies: mutating a returned record changes nothing stored', async () => {
    const { reservations } = memoryPorts();
    const record = reservation('a');
    await reservations.reserve(record);
    record.name = 'changed after the write';
    const got = await reservations.get('a');
    got!.status = 'consumed';
    expect(await reservations.get('a')).toMatchObject({ name: '深圳市星河科技有限公司', status: 'reserved' });
  });
});

describe('MemoryReservationStore.settle', () => {
  it('expires only when due, and frees the lock', async () => {
    const { reservations } = memoryPorts();
    const r = reservation('a');
    await reservations.reserve(r);
    expect(await reservations.settle(r, 'expired', later(59 * DAY))).toBe(false);
    expect(await reservations.settle(r, 'expired', new Date(r.expiresAt))).toBe(true);
    expect(await reservations.get('a')).toMatchObject({ status: 'expired', settledAt: r.expiresAt });
    expect(reservations.holders(r.lock)).toEqual([]);
    expect(await reservations.reserve(reservation('b'))).toEqual({ reserved: true });
  });

  it('answers false once settled, and keeps the lock of a consumed name', async () => {
    const { reservations } = memoryPorts();
    const r = reservation('a');
    await reservations.reserve(r);
    expect(await reservations.settle(r, 'consumed', T0)).toBe(true);
    expect(await reservations.settle(r, 'released', T0)).toBe(false);
    expect(reservations.holders(r.lock).map((h) => h.id)).toEqual(['a']);
  });

  it('never frees a lock another holder took meanwhile', async () => {
    const { reservations } = memoryPorts();
    const r = reservation('a');
    await reservations.reserve(r);
    await reservations.settle(r, 'released', T0);
    await reservations.reserve(reservation('b'));
    expect(await reservations.settle(r, 'released', T0)).toBe(false);
    expect(reservations.holders(r.lock).map((h) => h.id)).toEqual(['b']);
  });
});

describe('MemoryReservationStore.markReminded and holdForEnterprise', () => {
  it('reminds once', async () => {
    const { reservations } = memoryPorts();
    await reservations.reserve(reservation('a'));
    expect(await reservations.markReminded('a', T0)).toBe(true);
    expect(await reservations.markReminded('a', later(1))).toBe(false);
    expect(await reservations.markReminded('missing', T0)).toBe(false);
    expect((await reservations.get('a'))?.remindedAt).toBe(T0.toISOString());
  });

  it('holds a seeded enterprise name once, then blocks reservations of it', async () => {
    const { reservations } = memoryPorts();
    const enterprise = {
      creditCode: '91440300MA5XXXXXX1',
      name: '深圳市星河科技有限公司',
      tradeName: '星河',
      industry: '科技',
    };
    expect(await reservations.holdForEnterprise(lock('I65'), enterprise)).toBe('held');
    expect(await reservations.holdForEnterprise(lock('I65'), enterprise)).toBe('already');
    expect(await reservations.reserve(reservation('a'))).toMatchObject({
      reserved: false,
      heldBy: { kind: 'enterprise', id: enterprise.creditCode, status: 'registered' },
    });
  });
});

describe('MemoryReservationStore.listOwned', () => {
  it('lists newest first, page by page, with an opaque cursor', async () => {
    const { reservations } = memoryPorts();
    for (let i = 0; i < 5; i++)
      await reservations.reserve(
        reservation(`r${i}`, { lock: lock(`C${i}`), reservedAt: later(i * 1000).toISOString() }),
      );
    const first = await reservations.listOwned({ sub: 'user-1' }, undefined, 2);
    expect(first.items.map((r) => r.id)).toEqual(['r4', 'r3']);
    const second = await reservations.listOwned({ sub: 'user-1' }, first.nextCursor!, 2);
    expect(second.items.map((r) => r.id)).toEqual(['r2', 'r1']);
    const last = await reservations.listOwned({ sub: 'user-1' }, second.nextCursor!, 2);
    expect(last).toEqual({ items: [expect.objectContaining({ id: 'r0' })], nextCursor: null });
  });

  it('files a verified holder’s reservation under the person, as the byOwner index does', async () => {
    const { reservations } = memoryPorts();
    await reservations.reserve(
      reservation('mine', { ownerSub: 'clerk', ownerIdHash: 'h1', lock: lock('A') }),
    );
    await reservations.reserve(reservation('clerks', { ownerSub: 'clerk', lock: lock('B') }));
    const ids = async (owner: { sub: string; idHash?: string }) =>
      (await reservations.listOwned(owner, undefined, 10)).items.map((r) => r.id);
    expect(await ids({ sub: 'other-sub', idHash: 'h1' })).toEqual(['mine']);
    expect(await ids({ sub: 'clerk' })).toEqual(['clerks']);
  });

  it('refuses a cursor of another list', async () => {
    const { reservations, registrations } = memoryPorts();
    for (const id of ['a', 'b']) await reservations.reserve(reservation(id, { lock: lock(id) }));
    const page = await reservations.listOwned({ sub: 'user-1' }, undefined, 1);
    await expect(registrations.listOwned({ sub: 'user-1' }, page.nextCursor!, 1)).rejects.toThrow(
      ValidationError,
    );
    await expect(reservations.listOwned({ sub: 'user-1' }, 'made-up', 1)).rejects.toThrow(ValidationError);
  });
});
