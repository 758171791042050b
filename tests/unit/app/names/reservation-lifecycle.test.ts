import { describe, expect, it } from 'vitest';
import {
  continueReservation,
  expireReservation,
  indexReservedName,
  planReservationWake,
  remindHolder,
  unindexName,
} from '#app/names/reservation-lifecycle';
import { releaseReservation } from '#app/names/reservations';
import { alice, bob, DAY, freshPorts, NAME, reserve, T0 } from '../support.ts';

// Expiry of the fixture reservation: two months from T0, at the end of that day in Beijing.
const EXPIRES = new Date('2026-05-16T16:00:00.000Z');

describe('indexReservedName and unindexName', () => {
  it('indexes a reserved name for the similarity checks, and only a reserved one', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    expect(await indexReservedName(ports, record.id)).toEqual({ indexed: true });
    expect(await indexReservedName(ports, record.id)).toEqual({ indexed: true });
    expect(await ports.nameIndex.search('青云')).toEqual([
      expect.objectContaining({ id: record.id, name: NAME, status: 'reserved' }),
    ]);
    await releaseReservation(ports, alice, record.id);
    expect(await indexReservedName(ports, record.id)).toEqual({ indexed: false });
    expect(await indexReservedName(ports, 'missing')).toEqual({ indexed: false });
  });

  it('takes a settled name out of the index, and leaves a reserved one in', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    await indexReservedName(ports, record.id);
    expect(await unindexName(ports, record.id)).toEqual({ unindexed: false });
    expect(await ports.nameIndex.search('青云')).toHaveLength(1);
    await ports.reservations.settle(record, 'released', T0);
    expect(await unindexName(ports, record.id)).toEqual({ unindexed: true });
    expect(await ports.nameIndex.search('青云')).toEqual([]);
    expect(await unindexName(ports, 'missing')).toEqual({ unindexed: false });
  });
});

describe('planReservationWake', () => {
  it('waits, reminds 14 days before expiry, then expires', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    const reminderAt = new Date(EXPIRES.getTime() - 14 * DAY);
    expect(await planReservationWake(ports, record.id, T0)).toEqual({
      action: 'wait',
      wakeAt: new Date(T0.getTime() + 20 * DAY).toISOString(),
    });
    ports.clock.set(reminderAt);
    expect(await planReservationWake(ports, record.id, T0)).toEqual({ action: 'remind' });
    await remindHolder(ports, record.id);
    expect(await planReservationWake(ports, record.id, T0)).toEqual({
      action: 'wait',
      wakeAt: EXPIRES.toISOString(),
    });
    ports.clock.set(EXPIRES);
    expect(await planReservationWake(ports, record.id, T0)).toEqual({ action: 'expire' });
  });

  it('ends for a reservation that is gone or settled', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    expect(await planReservationWake(ports, 'missing', T0)).toMatchObject({ action: 'end' });
    await releaseReservation(ports, alice, record.id);
    expect(await planReservationWake(ports, record.id, T0)).toEqual({
      action: 'end',
      reason: 'reservation is released',
    });
  });
});

describe('remindHolder', () => {
  it('tells the holder once, however often the step runs', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    ports.clock.advance(DAY);
    expect(await remindHolder(ports, record.id)).toEqual({ reminded: true });
    ports.clock.advance(DAY);
    await remindHolder(ports, record.id);
    expect([...ports.registry.notices.values()]).toEqual([
      expect.objectContaining({
        kind: 'reservation.expiring',
        subject: { type: 'reservation', id: record.id },
        ownerSub: 'alice',
        at: new Date(T0.getTime() + DAY).toISOString(),
      }),
    ]);
    expect((await ports.reservations.get(record.id))?.remindedAt).toBe(
      new Date(T0.getTime() + DAY).toISOString(),
    );
  });

  it('tells nobody about a reservation no longer reserved', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    await releaseReservation(ports, alice, record.id);
    expect(await remindHolder(ports, record.id)).toEqual({ reminded: false });
    expect(ports.registry.notices.size).toBe(0);
  });
});

describe('expireReservation', () => {
  it('expires only when due, freeing the name', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    ports.clock.set(new Date(EXPIRES.getTime() - 1));
    expect(await expireReservation(ports, record.id)).toEqual({ expired: false, status: 'reserved' });
    ports.clock.set(EXPIRES);
    expect(await expireReservation(ports, record.id)).toEqual({ expired: true, status: 'expired' });
    expect(ports.reservations.holders(record.lock)).toEqual([]);
    expect((await reserve(ports, bob)).status).toBe('reserved');
  });

  it('does nothing to a reservation already settled or missing', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    await releaseReservation(ports, alice, record.id);
    ports.clock.set(EXPIRES);
    expect(await expireReservation(ports, record.id)).toEqual({ expired: false, status: 'released' });
    expect(await expireReservation(ports, 'missing')).toEqual({ expired: false, status: 'missing' });
  });
});

describe('continueReservation', () => {
  it('starts the next generation, once, from now', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    ports.clock.advance(300 * DAY);
    const name = `name-reservation--${record.id}--g1`;
    expect(await continueReservation(ports, record.id, 0)).toEqual({ executionId: name });
    await continueReservation(ports, record.id, 0);
    expect(ports.workflows.startsOf('name-reservation').slice(1)).toEqual([
      {
        workflow: 'name-reservation',
        executionName: name,
        input: {
          reservationId: record.id,
          generation: 1,
          generationStartedAt: new Date(T0.getTime() + 300 * DAY).toISOString(),
        },
      },
    ]);
  });
});
