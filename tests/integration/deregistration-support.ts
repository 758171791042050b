/**
 * The two sides of the deregistration stores' conformance suite (deregistration-stores.test.ts): the
 * Dynamo adapters on the runtime's DynamoDB Local and the in-memory twins over one memoryPorts() state,
 * each with the reads a test needs beside the ports (the outbox, the start ledger), and the fixtures.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { dynamoDocumentClient } from '#adapters/clients';
import { DynamoDeregistrationStore } from '#adapters/dynamo-deregistrations';
import { DynamoEnterpriseStore } from '#adapters/dynamo-enterprises';
import { DynamoNotificationStore } from '#adapters/dynamo-notifications';
import { DynamoRegistryListStore } from '#adapters/dynamo-registry-lists';
import { keys } from '#adapters/keys';
import { MemoryDeregistrationStore } from '#adapters/memory/deregistrations';
import { memoryPorts } from '#adapters/memory/ports';
import { MemoryRegistryListStore } from '#adapters/memory/registry-lists';
import { REGISTRY_TABLE } from '#contract/tables';
import { composeCreditCode } from '#domain/credit-code';
import { deregisteringEvent } from '#domain/deregistration/events';
import { move } from '#domain/deregistration/lifecycle';
import type { DeregistrationRecord } from '#domain/deregistration/record';
import type { EnterpriseRecord, OutboxEvent } from '#domain/enterprise';
import { timelineEntry } from '#domain/registration/lifecycle';
import type { DeregistrationStore, EnterpriseChange, RegistryListStore } from '#ports/deregistrations';
import type { EnterpriseStore } from '#ports/enterprises';
import type { NotificationStore } from '#ports/notifications';
import { deregistrationStart } from '#ports/start-ledger';
import { runtime } from './support.ts';

export interface Stores {
  deregistrations: DeregistrationStore;
  registryLists: RegistryListStore;
  enterprises: Pick<EnterpriseStore, 'get' | 'seed'>;
  notifications: NotificationStore;
  outbox(creditCode: string): Promise<OutboxEvent[]>;
  owesStart(record: DeregistrationRecord): Promise<boolean>;
}

export function dynamoStores(): Stores {
  runtime();
  const db = dynamoDocumentClient();
  return {
    deregistrations: new DynamoDeregistrationStore(),
    registryLists: new DynamoRegistryListStore(),
    enterprises: new DynamoEnterpriseStore(),
    notifications: new DynamoNotificationStore(),
    async outbox(creditCode) {
      const { Items = [] } = await db.send(
        new QueryCommand({
          TableName: REGISTRY_TABLE.id,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `OUTBOX#${creditCode}` },
          ConsistentRead: true,
        }),
      );
      // The relay marks what it relayed (`delivery`, `relayedAt`) on the item: not part of the event.
      return Items.map(({ pk: _p, sk: _s, delivery: _d, relayedAt: _r, ...event }) => event as OutboxEvent);
    },
    async owesStart(record) {
      const { since, executionName } = deregistrationStart(record);
      const { Item } = await db.send(
        new GetCommand({
          TableName: REGISTRY_TABLE.id,
          Key: keys.pendingStart(since, executionName),
          ConsistentRead: true,
        }),
      );
      return Item !== undefined;
    },
  };
}

export function memoryStores(): Stores {
  const ports = memoryPorts();
  return {
    deregistrations: new MemoryDeregistrationStore(ports.registry, ports.startLedger),
    registryLists: new MemoryRegistryListStore(),
    enterprises: ports.enterprises,
    notifications: ports.notifications,
    outbox: async (creditCode) => ports.enterprises.outbox(creditCode),
    owesStart: async (record) =>
      ports.startLedger.pending().some((s) => s.executionName === deregistrationStart(record).executionName),
  };
}

export const filedAt = new Date('2026-11-26T08:00:00Z');
export const endsAt = new Date('2026-12-17T16:00:00Z');
export const run = Math.floor(Math.random() * 1e6);
let serial = 0;

/** A fresh enterprise, active at event 1, and a case filed for it (not written yet). */
export async function filing(stores: Stores, window = endsAt) {
  const n = ++serial;
  const creditCode = composeCreditCode({
    authorityCode: '9',
    entityTypeCode: '1',
    division: '440305',
    organizationBody: `DR${String((run + n) % 1e6).padStart(6, '0')}`,
  });
  const enterprise: EnterpriseRecord = {
    creditCode,
    name: `深圳市注销存储测试${n}科技有限公司`,
    entityType: 'limited_liability_company',
    status: 'active',
    establishedOn: '2024-03-01',
    registrationAuthority: '440305',
    registrationId: `dereg-store-reg-${run}-${n}`,
    ownerSub: `dereg-store-owner-${run}-${n}`,
    eventSeq: 1,
  };
  await stores.enterprises.seed(enterprise);
  const record: DeregistrationRecord = {
    id: `dereg-store-${run}-${n}`,
    creditCode,
    name: enterprise.name,
    entityType: enterprise.entityType,
    authority: enterprise.registrationAuthority,
    ownerSub: enterprise.ownerSub,
    filedBy: enterprise.ownerSub,
    status: 'checking',
    timeline: [timelineEntry('filing', 'received', filedAt)],
    commitment: { debtsSettled: true, signatories: ['张伟'], text: '全体投资人承诺书' },
    autoConfirm: false,
    announcement: {
      kind: 'public',
      publishedAt: filedAt.toISOString(),
      endsAt: window.toISOString(),
      lastDay: window.toISOString().slice(0, 10),
    },
    confirmationDeadline: new Date(window.getTime() + 20 * 86_400_000).toISOString(),
    objections: [],
    rulesVersion: 'test-1',
    createdAt: filedAt.toISOString(),
    updatedAt: filedAt.toISOString(),
  };
  return { enterprise, record };
}

export const keep = (change: Partial<EnterpriseChange> & { creditCode: string }): EnterpriseChange => ({
  from: 'deregistering',
  to: 'deregistering',
  expectedEventSeq: 1,
  ...change,
});

/** A case filed and announced, with `enterprise.deregistering` at event 2. */
export async function announcedCase(stores: Stores, window = endsAt) {
  const { enterprise, record } = await filing(stores, window);
  expect(await stores.deregistrations.create(record)).toBe('created');
  const event = deregisteringEvent(record, 2, filedAt);
  const moved = await stores.deregistrations.move(
    record.id,
    move(filedAt, 'eligibilityPassed', 'commitmentRecorded', 'announced'),
    { enterprise: keep({ creditCode: record.creditCode, event }) },
  );
  expect(moved).toBe(true);
  return { enterprise, record };
}

/** Every open announcement at `at`, page by page. */
export async function openIds(stores: Stores, at: Date, limit = 50): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await stores.deregistrations.openAnnouncements(at, cursor, limit);
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}
