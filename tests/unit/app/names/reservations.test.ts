import { describe, expect, it } from 'vitest';
import { applyRules } from '#app/names/check-name';
import { indexReservedName } from '#app/names/reservation-lifecycle';
import {
  listReservations,
  ownReservation,
  readReservation,
  releaseReservation,
  reserveName,
} from '#app/names/reservations';
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from '#domain/errors';
import { identityHash } from '#domain/identity';
import {
  alice,
  bob,
  clerk,
  DIVISION,
  freshPorts,
  HOLDER,
  NAME,
  reserve,
  T0,
  type TestPorts,
} from '../support.ts';

const request = (name = NAME) => ({
  name,
  division: DIVISION,
  entityType: 'limited_liability_company' as const,
  preApprovalRequired: false,
});

const holdersOf = (ports: TestPorts, r: { lock: { scope: string; tradeKey: string } }) =>
  ports.reservations.holders(r.lock);

describe('reserveName', () => {
  it('reserves the name for two months, takes its lock and starts the workflow once', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    expect(record).toMatchObject({
      name: NAME,
      status: 'reserved',
      ownerSub: 'alice',
      ownerIdHash: alice.idHash,
      channel: 'online',
      reservedAt: T0.toISOString(),
      expiresAt: '2026-05-16T16:00:00.000Z',
    });
    expect(await ports.reservations.get(record.id)).toEqual(record);
    expect(holdersOf(ports, record)).toEqual([
      expect.objectContaining({ id: record.id, kind: 'reservation' }),
    ]);
    expect(ports.workflows.started).toEqual([
      {
        workflow: 'name-reservation',
        executionName: `name-reservation--${record.id}--g0`,
        input: { reservationId: record.id, generation: 0, generationStartedAt: T0.toISOString() },
      },
    ]);
  });

  it('keeps a name needing pre-approval for a year', async () => {
    const ports = freshPorts();
    const record = await reserveName(ports, alice, { ...request(), preApprovalRequired: true });
    expect(record.expiresAt).toBe('2027-03-16T16:00:00.000Z');
  });

  it('refuses a name the rules block with 422 and every finding, writing nothing', async () => {
    const ports = freshPorts();
    const refused = reserveName(ports, alice, request('深圳市贸易科技有限公司'));
    await expect(refused).rejects.toBeInstanceOf(RuleViolation);
    await expect(refused).rejects.toMatchObject({
      code: 'name-refused',
      details: {
        findings: expect.arrayContaining([
          expect.objectContaining({ rule: 'name.trade-name.industry-word' }),
        ]),
      },
    });
    expect(ports.registry.reservations.size).toBe(0);
    expect(ports.workflows.started).toHaveLength(0);
  });

  it('refuses an identical name with 409, the findings naming the holder, and starts nothing', async () => {
    const ports = freshPorts();
    await reserve(ports, bob);
    const refused = reserve(ports, alice);
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({
      code: 'name-taken',
      details: {
        findings: [
          expect.objectContaining({
            rule: 'name.identical',
            conflictsWith: expect.objectContaining({ name: NAME, status: 'reserved' }),
          }),
        ],
      },
    });
    expect(ports.registry.reservations.size).toBe(1);
    expect(ports.workflows.started).toHaveLength(1);
  });

  it('names a registered enterprise holding the name, with its credit code', async () => {
    const ports = freshPorts();
    await ports.reservations.holdForEnterprise(applyRules(NAME, DIVISION).key, {
      creditCode: '91440300MA5G000011',
      name: NAME,
      tradeName: '青云',
      industry: '科技',
    });
    await expect(reserve(ports, alice)).rejects.toMatchObject({
      code: 'name-taken',
      details: {
        findings: [
          expect.objectContaining({
            conflictsWith: expect.objectContaining({
              status: 'registered',
              creditCode: '91440300MA5G000011',
            }),
          }),
        ],
      },
    });
  });

  it('requires a bank clerk to name the holder, at body.holder', async () => {
    const ports = freshPorts();
    const refused = reserveName(ports, clerk, request());
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      errors: [{ path: 'body.holder', message: expect.any(String) }],
    });
    await expect(
      reserveName(ports, clerk, { ...request(), holder: { ...HOLDER, idNumber: '110105194912310021' } }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'body.holder.idNumber' })] });
    expect(ports.registry.reservations.size).toBe(0);
  });

  it('reserves at the counter for the holder, keeping their identity hashed only', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, clerk);
    expect(record).toMatchObject({
      ownerSub: 'clerk-1',
      ownerIdHash: identityHash(HOLDER.idNumber),
      holderName: HOLDER.name,
      channel: 'bank',
      branchId: 'B-1',
    });
    expect(JSON.stringify([...ports.registry.reservations.values()])).not.toContain(HOLDER.idNumber);
  });
});

describe('reading and listing reservations', () => {
  it("reads the caller's own, by sub or verified identity, and anyone else's as missing", async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    expect((await ownReservation(ports, alice, record.id)).id).toBe(record.id);
    expect((await ownReservation(ports, { ...bob, idHash: alice.idHash }, record.id)).id).toBe(record.id);
    await expect(ownReservation(ports, bob, record.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ownReservation(ports, alice, 'missing')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('shows a reservation past its period as expired before its late workflow records it', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    ports.clock.set(new Date(Date.parse(record.expiresAt) - 1));
    expect((await readReservation(ports, alice, record.id)).status).toBe('reserved');
    ports.clock.set(record.expiresAt);
    expect((await readReservation(ports, alice, record.id)).status).toBe('expired');
    expect((await listReservations(ports, alice, undefined, 10)).items).toEqual([
      expect.objectContaining({ id: record.id, status: 'expired' }),
    ]);
    expect((await ports.reservations.get(record.id))?.status).toBe('reserved');
  });

  it("lists the caller's reservations only", async () => {
    const ports = freshPorts();
    const mine = await reserve(ports, alice);
    await reserve(ports, bob, '深圳市青岚科技有限公司');
    const page = await listReservations(ports, alice, undefined, 10);
    expect(page.items.map((r) => r.id)).toEqual([mine.id]);
    expect(page.nextCursor).toBeNull();
  });
});

describe('releaseReservation', () => {
  it('releases, frees the lock and leaves the index at once', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    await indexReservedName(ports, record.id);
    expect(await ports.nameIndex.search('青云')).toHaveLength(1);
    expect(await releaseReservation(ports, alice, record.id)).toMatchObject({
      id: record.id,
      status: 'released',
    });
    expect((await ports.reservations.get(record.id))?.status).toBe('released');
    expect(holdersOf(ports, record)).toEqual([]);
    expect(await ports.nameIndex.search('青云')).toEqual([]);
    // The name is anyone's again.
    expect((await reserve(ports, bob)).status).toBe('reserved');
  });

  it('answers 409 when the reservation is no longer reserved', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    await releaseReservation(ports, alice, record.id);
    const again = releaseReservation(ports, alice, record.id);
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({
      code: 'not-reserved',
      message: expect.stringContaining('released'),
    });
  });

  it("answers 404 to another's reservation, and leaves it reserved", async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    await expect(releaseReservation(ports, bob, record.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await ports.reservations.get(record.id))?.status).toBe('reserved');
  });
});
