/**
 * The corrected name's one transaction, as a conformance suite run against the Dynamo adapter on the
 * runtime's DynamoDB Local and against its in-memory twin: every item or none. A change made from a stale
 * read (another event took the sequence) or with a reservation no longer reserved (or past its period,
 * whatever its status says) is a `conflict` that leaves the enterprise, the reservation, both locks, the
 * outbox and the start ledger as they were.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/clients';
import { DynamoEnterpriseStore } from '#adapters/dynamo-enterprises';
import { keys, lockClassAttribute } from '#adapters/keys';
import { MemoryEnterpriseStore } from '#adapters/memory/enterprises';
import { newRegistry, type StoredHolder, setHolder, slotHolder } from '#adapters/memory/registry';
import { MemoryStartLedger } from '#adapters/memory/start-ledger';
import { REGISTRY_TABLE } from '#contract/tables';
import type { EnterpriseRecord } from '#domain/enterprise';
import { nameChange } from '#domain/name-change';
import type { NameLockKey, ReservationRecord } from '#domain/reservation';
import type { EnterpriseNameChange, EnterpriseStore } from '#ports/enterprises';
import type { LockHolder } from '#ports/reservations';
import { licenseReissueStart, type OwedStart } from '#ports/start-ledger';

const at = new Date('2026-11-26T08:00:00Z');
/** Within the reservation's period at `at`. */
const LATER = '2027-01-26T08:00:00.000Z';

interface Side {
  store: EnterpriseStore;
  putEnterprise(e: EnterpriseRecord): Promise<void>;
  putReservation(id: string, status: string, expiresAt?: string): Promise<void>;
  putHolder(key: NameLockKey, holder: StoredHolder): Promise<void>;
  eventAt(code: string, seq: number): Promise<{ type: string } | undefined>;
  reservationStatus(id: string): Promise<string | undefined>;
  holder(key: NameLockKey): Promise<LockHolder | undefined>;
  owes(start: OwedStart): Promise<boolean>;
}

function dynamoSide(): Side {
  const db = dynamoDocumentClient();
  const table = REGISTRY_TABLE.id;
  const put = async (Item: Record<string, unknown>) => {
    await db.send(new PutCommand({ TableName: table, Item }));
  };
  const get = async (Key: { pk: string; sk: string }) =>
    (await db.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }))).Item;
  return {
    store: new DynamoEnterpriseStore(),
    putEnterprise: (e) => put({ ...keys.enterprise(e.creditCode), ...e }),
    putReservation: (id, status, expiresAt = LATER) =>
      put({ ...keys.reservation(id), id, status, expiresAt }),
    putHolder: (key, holder) =>
      put({ ...keys.nameLock(key), [lockClassAttribute(key.industryClass)]: holder, holderCount: 1 }),
    eventAt: async (code, seq) => (await get(keys.outbox(code, seq))) as { type: string } | undefined,
    reservationStatus: async (id) => (await get(keys.reservation(id)))?.status,
    holder: async (key) => (await get(keys.nameLock(key)))?.[lockClassAttribute(key.industryClass)],
    owes: async (start) => Boolean(await get(keys.pendingStart(start.since, start.executionName))),
  };
}

function memorySide(): Side {
  const registry = newRegistry();
  const ledger = new MemoryStartLedger();
  const store = new MemoryEnterpriseStore(registry, ledger);
  return {
    store,
    putEnterprise: async (e) => void registry.enterprises.set(e.creditCode, structuredClone(e)),
    putReservation: async (id, status, expiresAt = LATER) =>
      void registry.reservations.set(id, { id, status, expiresAt } as unknown as ReservationRecord),
    putHolder: async (key, holder) => setHolder(registry, key, holder),
    eventAt: async (code, seq) => store.outbox(code).find((e) => e.seq === seq),
    reservationStatus: async (id) => registry.reservations.get(id)?.status,
    holder: async (key) => slotHolder(registry, key),
    owes: async (start) => ledger.pending().some((s) => s.executionName === start.executionName),
  };
}

/** An enterprise ordered to correct its name, holding its lock, and its owner's reservation of a new one. */
async function ordered(side: Side, suffix: string) {
  const code = `9144030500RN${suffix.padStart(6, '0')}`;
  const oldLock: NameLockKey = { scope: 'T4403', tradeKey: `旧${suffix}`, industryClass: 'tech' };
  const newLock: NameLockKey = { scope: 'T4403', tradeKey: `新${suffix}`, industryClass: 'tech' };
  const enterprise: EnterpriseRecord = {
    creditCode: code,
    name: `深圳市旧${suffix}科技有限公司`,
    entityType: 'limited_liability_company',
    status: 'active',
    establishedOn: '2026-11-01',
    registrationAuthority: '440305',
    registrationId: `reg-${suffix}`,
    ownerSub: 'store-owner',
    eventSeq: 2,
    nameCorrection: { orderedAt: at.toISOString(), by: 'examiner', reason: '名称不当' },
  };
  const reservationId = `store-rename-${suffix}`;
  const newName = `深圳市新${suffix}科技有限公司`;
  await side.putEnterprise(enterprise);
  await side.putReservation(reservationId, 'reserved');
  const holder = (id: string, name: string, kind: 'enterprise' | 'reservation', status: string) => ({
    kind,
    id,
    name,
    status,
    industryClass: 'tech',
  });
  await side.putHolder(oldLock, holder(code, enterprise.name, 'enterprise', 'registered'));
  await side.putHolder(newLock, holder(reservationId, newName, 'reservation', 'reserved'));
  const change = nameChange(enterprise, { id: reservationId, name: newName }, at);
  const plan: EnterpriseNameChange = {
    enterprise: change.enterprise,
    expected: { name: enterprise.name, eventSeq: enterprise.eventSeq },
    event: change.event,
    reservation: { id: reservationId, at: at.toISOString() },
    lock: { key: newLock, tradeName: `新${suffix}`, industry: '科技' },
    formerLock: { key: oldLock, endedOn: change.endedOn },
    start: licenseReissueStart({ creditCode: code, reservationId, at: at.toISOString() }),
  };
  return { enterprise, code, reservationId, oldLock, newLock, plan };
}

const run = `${Date.now() % 100_000}`;

describe.each([
  { side: 'Dynamo adapter on DynamoDB Local', make: dynamoSide },
  { side: 'in-memory twin', make: memorySide },
])('changeName: $side', ({ make }) => {
  it('writes the enterprise, its event, the reservation, both locks and the owed start at once', async () => {
    const side = make();
    const { code, reservationId, oldLock, newLock, plan } = await ordered(side, `${run}1`);
    expect(await side.store.changeName(plan)).toBe('changed');
    expect(await side.store.get(code)).toMatchObject({
      name: plan.enterprise.name,
      eventSeq: 3,
      nameCorrection: { correctedAt: at.toISOString(), reservationId },
    });
    expect(await side.eventAt(code, 3)).toMatchObject({ type: 'enterprise.changed' });
    expect(await side.reservationStatus(reservationId)).toBe('consumed');
    expect(await side.holder(newLock)).toMatchObject({ kind: 'enterprise', id: code, status: 'registered' });
    expect(await side.holder(oldLock)).toMatchObject({ id: code, status: 'changed', endedOn: '2026-11-26' });
    expect(await side.owes(plan.start)).toBe(true);
  });

  it('answers conflict and writes nothing when another event took the sequence', async () => {
    const side = make();
    const { enterprise, code, reservationId, oldLock, plan } = await ordered(side, `${run}2`);
    await side.putEnterprise({ ...enterprise, eventSeq: 3 });
    expect(await side.store.changeName(plan)).toBe('conflict');
    expect(await side.store.get(code)).toMatchObject({ name: enterprise.name, eventSeq: 3 });
    expect(await side.eventAt(code, 3)).toBeUndefined();
    expect(await side.reservationStatus(reservationId)).toBe('reserved');
    expect(await side.holder(oldLock)).toMatchObject({ status: 'registered' });
    expect(await side.owes(plan.start)).toBe(false);
  });

  it('answers conflict and writes nothing when the reservation is no longer reserved', async () => {
    const side = make();
    const { enterprise, code, reservationId, newLock, plan } = await ordered(side, `${run}3`);
    await side.putReservation(reservationId, 'released');
    expect(await side.store.changeName(plan)).toBe('conflict');
    expect((await side.store.get(code))?.name).toBe(enterprise.name);
    expect(await side.holder(newLock)).toMatchObject({ kind: 'reservation', id: reservationId });
    expect(await side.owes(plan.start)).toBe(false);
  });

  it('answers conflict and writes nothing when the reservation’s period ended, though it reads reserved', async () => {
    const side = make();
    const { enterprise, code, reservationId, newLock, plan } = await ordered(side, `${run}4`);
    await side.putReservation(reservationId, 'reserved', at.toISOString());
    expect(await side.store.changeName(plan)).toBe('conflict');
    expect(await side.store.get(code)).toMatchObject({ name: enterprise.name, eventSeq: 2 });
    expect(await side.reservationStatus(reservationId)).toBe('reserved');
    expect(await side.eventAt(code, 3)).toBeUndefined();
    expect(await side.holder(newLock)).toMatchObject({ kind: 'reservation', id: reservationId });
    expect(await side.owes(plan.start)).toBe(false);
  });
});
