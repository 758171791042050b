/**
 * The registration store against DynamoDB Local where its in-memory twin cannot speak for it: how a
 * cancelled transaction is read. A workflow started again from the beginning after a crash runs
 * CheckApplication on a case that has long moved on (registered); its reservation, consumed by the first
 * run, makes the repeat a no-op, not an error, although both items of the transaction are refused.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoDocumentClient } from '#adapters/clients';
import { DynamoRegistrationStore } from '#adapters/dynamo-registrations';
import { keys } from '#adapters/keys';
import { REGISTRY_TABLE } from '#contract/tables';
import { move } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';

const at = new Date('2026-11-26T08:00:00Z');

async function put(item: Record<string, unknown>) {
  await dynamoDocumentClient().send(new PutCommand({ TableName: REGISTRY_TABLE.id, Item: item }));
}

async function caseIn(status: string, reservation: 'consumed' | 'reserved', suffix: string) {
  const id = `store-${suffix}`;
  const reservationId = `store-rsv-${suffix}`;
  const record = {
    id,
    channel: 'online',
    ownerSub: 'store-test',
    reservationId,
    name: '深圳市存储测试科技有限公司',
    authority: '440305',
    authorityScope: '4403',
    entityType: 'limited_liability_company',
    status,
    timeline: [],
    sealedApplication: 'sealed',
    summary: {},
    materials: [],
    reviewRound: 0,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  } as RegistrationRecord;
  await put({ ...keys.registration(id), ...record });
  await put({
    ...keys.reservation(reservationId),
    id: reservationId,
    status: reservation,
    registrationId: id,
  });
  return record;
}

describe('DynamoRegistrationStore.consumeReservation', () => {
  const store = new DynamoRegistrationStore();
  const steps = () => move(at, 'validated', 'reservationConsumed', 'materialsComplete');

  it('answers "already" to a repeat on a case that has moved on since the reservation was consumed', async () => {
    const record = await caseIn('registered', 'consumed', 'repeat');
    expect(await store.consumeReservation(record, at, steps())).toBe('already');
    expect((await store.get(record.id))?.status).toBe('registered');
  });

  it('consumes a held reservation with the move, once', async () => {
    const record = await caseIn('submitted', 'reserved', 'first');
    expect(await store.consumeReservation(record, at, steps())).toBe('consumed');
    expect((await store.get(record.id))?.status).toBe('checking');
    expect(await store.consumeReservation(record, at, steps())).toBe('already');
  });

  it('refuses a move the case cannot make while its reservation is still held', async () => {
    const record = await caseIn('withdrawn', 'reserved', 'stuck');
    await expect(store.consumeReservation(record, at, steps())).rejects.toThrow(/cannot make this move/);
  });
});
