import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { move } from '#domain/registration/lifecycle';
import { checkingCase, DAY, later, registration, reservation, T0 } from './fixtures.ts';

describe('MemoryRegistrationStore.create', () => {
  it('takes a free reservation and refuses one already held', async () => {
    const ports = memoryPorts();
    await ports.reservations.reserve(reservation('res-1'));
    expect(await ports.registrations.create(registration('reg-1', 'res-1'))).toBe(true);
    expect(await ports.registrations.getReservation('res-1')).toMatchObject({ registrationId: 'reg-1' });
    expect(await ports.registrations.create(registration('reg-2', 'res-1'))).toBe(false);
    expect(await ports.registrations.create(registration('reg-1', 'res-1'))).toBe(false);
    expect(await ports.registrations.get('reg-2')).toBeUndefined();
  });

  it('refuses a reservation that is missing or no longer reserved', async () => {
    const ports = memoryPorts();
    const res = reservation('res-1');
    await ports.reservations.reserve(res);
    await ports.reservations.settle(res, 'released', T0);
    expect(await ports.registrations.create(registration('reg-1', 'res-1'))).toBe(false);
    expect(await ports.registrations.create(registration('reg-2', 'nope'))).toBe(false);
  });
});

describe('MemoryRegistrationStore.move', () => {
  it('moves only from an allowed status, with the timeline and updatedAt of its entries', async () => {
    const { ports } = await checkingCase();
    const at = later(1000);
    expect(await ports.registrations.move('reg-1', move(at, 'approvedByRules'), { reviewRound: 1 })).toBe(
      true,
    );
    expect(await ports.registrations.get('reg-1')).toMatchObject({
      status: 'approved',
      updatedAt: at.toISOString(),
      reviewRound: 1,
      timeline: [{ step: 'validation' }, { step: 'decision', status: 'approve', at: at.toISOString() }],
    });
    expect(await ports.registrations.move('reg-1', move(at, 'withdrawn'))).toBe(false);
    expect(await ports.registrations.move('missing', move(at, 'withdrawn'))).toBe(false);
  });
});

describe('MemoryRegistrationStore.consumeReservation', () => {
  it('consumes once and makes the move once, however often it is repeated', async () => {
    const { ports, reg } = await checkingCase();
    const consumed = move(later(10), 'reservationConsumed');
    expect(await ports.registrations.consumeReservation(reg, later(10), consumed)).toBe('consumed');
    expect(await ports.registrations.getReservation('res-1')).toMatchObject({
      status: 'consumed',
      settledAt: later(10).toISOString(),
    });
    // A retried task builds its move again, at a later time: still one timeline entry.
    const retried = move(later(20), 'reservationConsumed');
    expect(await ports.registrations.consumeReservation(reg, later(20), retried)).toBe('already');
    const timeline = (await ports.registrations.get('reg-1'))!.timeline.map((e) => e.step);
    expect(timeline).toEqual(['validation', 'name-reservation']);
  });

  it('consumes a reservation it holds even past its period, and is unavailable for another’s', async () => {
    const { ports, reg, res } = await checkingCase();
    const expiry = new Date(res.expiresAt);
    const consumed = move(expiry, 'reservationConsumed');
    // Held since the submission: the period's end while the case is decided does not take it away.
    expect(await ports.registrations.consumeReservation(reg, expiry, consumed)).toBe('consumed');
    // Another registration pointing at the reservation reg-1 holds.
    await ports.reservations.reserve(reservation('res-2', { lock: { ...res.lock, industryClass: 'F51' } }));
    const other = registration('reg-2', 'res-2', { status: 'checking' });
    await ports.registrations.create(other);
    const pointing = { ...other, reservationId: 'res-1' };
    expect(await ports.registrations.consumeReservation(pointing, T0, consumed)).toBe('unavailable');
    expect(await ports.registrations.getReservation('res-1')).toMatchObject({ status: 'consumed' });
  });

  it('throws, writing nothing, when the registration cannot make the move (a bug)', async () => {
    const ports = memoryPorts();
    await ports.reservations.reserve(reservation('res-1'));
    const reg = registration('reg-1', 'res-1');
    await ports.registrations.create(reg);
    await expect(
      ports.registrations.consumeReservation(reg, T0, move(T0, 'reservationConsumed')),
    ).rejects.toThrow(/not allowed/);
    expect(await ports.registrations.getReservation('res-1')).toMatchObject({ status: 'reserved' });
  });
});

describe('MemoryRegistrationStore.release', () => {
  it('gives the reservation back while its period lasts, and makes the move', async () => {
    const { ports, reg } = await checkingCase();
    await ports.registrations.consumeReservation(reg, T0, move(T0, 'reservationConsumed'));
    const withdrawn = move(later(DAY), 'withdrawn');
    expect(await ports.registrations.release(reg, later(DAY), withdrawn, { reasons: [] })).toMatchObject({
      moved: true,
      reservation: { status: 'reserved' },
    });
    const res = await ports.registrations.getReservation('res-1');
    expect(res).toMatchObject({ status: 'reserved' });
    expect(res).not.toHaveProperty('registrationId');
    expect(await ports.registrations.get('reg-1')).toMatchObject({ status: 'withdrawn', reasons: [] });
    expect(ports.reservations.holders(res!.lock).map((h) => h.id)).toEqual(['res-1']);
    // Repeated: the case is no longer where the move starts, so nothing is written again.
    expect(await ports.registrations.release(reg, later(DAY), withdrawn)).toEqual({ moved: false });
  });

  it('expires a lapsed reservation and frees its lock, so the name is free for anyone', async () => {
    const { ports, reg, res } = await checkingCase();
    const after = later(61 * DAY);
    expect(await ports.registrations.release(reg, after, move(after, 'compensated'))).toMatchObject({
      moved: true,
      reservation: { status: 'expired' },
    });
    expect(await ports.registrations.getReservation('res-1')).toMatchObject({ status: 'expired' });
    expect(ports.reservations.holders(res.lock)).toEqual([]);
    expect(await ports.reservations.reserve(reservation('res-2'))).toEqual({ reserved: true });
  });

  it('leaves the reservation alone when the case may not make the move', async () => {
    const { ports, reg } = await checkingCase();
    await ports.registrations.move('reg-1', move(T0, 'approvedByRules'));
    expect(await ports.registrations.release(reg, T0, move(T0, 'withdrawn'))).toEqual({ moved: false });
    expect(await ports.registrations.getReservation('res-1')).toMatchObject({ registrationId: 'reg-1' });
  });
});

describe('MemoryRegistrationStore.listOwned', () => {
  it('pages newest first by creation time', async () => {
    const ports = memoryPorts();
    for (let i = 0; i < 3; i++) {
      await ports.reservations.reserve(
        reservation(`res-${i}`, { lock: { scope: 's', tradeKey: `k${i}`, industryClass: null } }),
      );
      await ports.registrations.create(
        registration(`reg-${i}`, `res-${i}`, { createdAt: later(i).toISOString() }),
      );
    }
    const first = await ports.registrations.listOwned({ sub: 'user-1' }, undefined, 2);
    expect(first.items.map((r) => r.id)).toEqual(['reg-2', 'reg-1']);
    const rest = await ports.registrations.listOwned({ sub: 'user-1' }, first.nextCursor!, 2);
    expect(rest).toMatchObject({ items: [{ id: 'reg-0' }], nextCursor: null });
    expect((await ports.registrations.listOwned({ sub: 'someone' }, undefined, 2)).items).toEqual([]);
  });
});
