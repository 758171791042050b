import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsAdapters } from '#adapters/aws-ports';
import { keys } from '#adapters/keys';
import { LocalFileSealer } from '#adapters/sealer';
import { LocalKeyring } from '#adapters/signer-local';
import { composeCreditCode } from '#domain/credit-code';
import type { OutboxEvent } from '#domain/enterprise';
import { dataFor } from '#domain/push/entitlements';
import { outboxRecipients } from '#domain/push/recipients';
import type { Ports } from '#ports/ports';
import {
  type DepartmentSimulator,
  startDepartmentSimulators,
} from '../../infra/local/department-simulator.ts';
import { lifeOf } from '../unit/push/fixtures.ts';
import { call, runtime, tokenFor } from './support.ts';

const DEPARTMENTS = ['tax', 'hrss'] as const;
const ENTERPRISES = 24;

const codeOf = (i: number) =>
  composeCreditCode({
    authorityCode: '9',
    entityTypeCode: '1',
    division: '110108',
    organizationBody: `MP${String(i).padStart(6, '0')}`,
  });

describe('department push: stream relay, webhooks, simulators', () => {
  let ports: Ports;
  let db: DynamoDBClient;
  let sims: Map<string, DepartmentSimulator>;
  const tokens = new Map<string, string>();
  const written: Array<{ event: OutboxEvent; facts: { entityType: string; scopeCodes: string[] } }> = [];

  beforeAll(async () => {
    const { url, env } = runtime();
    const dataDir = runtime().dataDir;
    ports = awsAdapters(() => new LocalFileSealer(join(dataDir, 'keys', 'sealing-key')), {
      keyring: () => new LocalKeyring(join(dataDir, 'keys', 'license')),
      baseUrl: () => url,
    });
    const jwks = async () => (await call<JSONWebKeySet>('GET', '/.well-known/jwks.json')).body;
    sims = await startDepartmentSimulators(
      DEPARTMENTS.map((department) => ({
        department,
        secret: `whsec_${Buffer.alloc(32).toString('base64')}`,
      })),
      jwks,
    );
    for (const department of DEPARTMENTS) {
      const token = await tokenFor({
        role: 'department',
        sub: `${department}-system`,
        departmentCode: department,
      });
      tokens.set(department, token);
      const put = await call<{ secret: string; status: string }>(
        'PUT',
        `/v1/departments/${department}/webhook`,
        {
          token,
          body: { url: sims.get(department)!.url },
        },
      );
      expect(put.status).toBe(200);
      expect(put.body.secret).toMatch(/^whsec_/);
      sims.get(department)!.useSecret(put.body.secret);
    }
    sims.get('tax')!.failShare(0.3, 11);
    db = new DynamoDBClient({
      endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    await Promise.all([...(sims?.values() ?? [])].map((s) => s.close()));
    db?.destroy();
  });

  it('delivers every event once, in order per enterprise, gap-free, signed, entitled fields only', async () => {
    const doc = DynamoDBDocumentClient.from(db);
    for (let i = 0; i < ENTERPRISES; i++) {
      const foreign = i % 3 === 0;
      const creditCode = codeOf(i);
      const life = lifeOf(creditCode, foreign);
      const first = life[0]!.data;
      const facts = { entityType: String(first.entityType), scopeCodes: first.businessScope as string[] };
      await ports.enterprises.seed({
        creditCode,
        name: String(first.name),
        entityType: facts.entityType,
        status: 'active',
        establishedOn: '2026-11-20',
        registrationAuthority: '110108',
        registrationId: `push-it-${i}`,
        ownerSub: 'push-it',
        eventSeq: life.length,
      });
      for (const event of life) {
        await doc.send(
          new PutCommand({
            TableName: 'registry',
            Item: { ...keys.outbox(creditCode, event.seq), ...event, delivery: 'pending' },
          }),
        );
        written.push({ event, facts });
      }
    }
    for (const department of DEPARTMENTS) {
      const expected = written.filter(({ event, facts }) =>
        outboxRecipients(event, facts).includes(department),
      );
      expect(expected.length).toBeGreaterThan(0);
      const sim = sims.get(department)!;
      const mine = () =>
        sim.received().filter((r) => expected.some((e) => e.event.creditCode === r.creditCode));
      const deadline = Date.now() + 90_000;
      while (mine().length < expected.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      const received = mine();
      expect(received.map((r) => r.id).sort()).toEqual(
        expected.map((e) => `${e.event.id}:${department}`).sort(),
      );
      expect(sim.gaps()).toEqual([]);
      expect(sim.outOfOrder()).toEqual([]);
      expect(sim.rejected()).toEqual([]);
      for (const r of received) {
        const original = expected.find((e) => r.id === `${e.event.id}:${department}`)!.event;
        expect(r.event.data).toEqual(dataFor(department, r.event.type as never, original.data));
      }
    }
    expect(sims.get('tax')!.stats().failedOnPurpose).toBeGreaterThan(0);
  }, 120_000);

  it('keeps each webhook secret sealed in the table: no item holds a whsec_', async () => {
    const doc = DynamoDBDocumentClient.from(db);
    for (const department of DEPARTMENTS) {
      const { Item } = await doc.send(
        new GetCommand({ TableName: 'registry', Key: keys.webhook(department) }),
      );
      expect(Item?.url).toBe(sims.get(department)!.url);
      expect(JSON.stringify(Item)).not.toContain('whsec_');
      expect(Item?.sealedSecret).toMatch(/^v1\.local\./);
    }
  });

  it("reads a department's own inbox in order, and refuses another department's token", async () => {
    const tax = tokens.get('tax')!;
    const own = await call<{ items: Array<{ event: { id: string } }>; nextCursor: string }>(
      'GET',
      '/v1/departments/tax/events?limit=5',
      { token: tax },
    );
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(5);
    const next = await call('GET', `/v1/departments/tax/events?limit=5&cursor=${own.body.nextCursor}`, {
      token: tax,
    });
    expect(next.status).toBe(200);
    expect((await call('GET', '/v1/departments/hrss/events', { token: tax })).status).toBe(404);
    expect((await call('GET', '/v1/departments/tax/events?cursor=bm9wZQ', { token: tax })).status).toBe(400);
    const receipt = await call('POST', `/v1/departments/tax/events/${own.body.items[0]!.event.id}/receipt`, {
      token: tax,
    });
    expect(receipt.status).toBe(200);
    expect(
      (
        await call('POST', `/v1/departments/hrss/events/${own.body.items[0]!.event.id}/receipt`, {
          token: tokens.get('hrss')!,
        })
      ).status,
    ).toBe(404);
  });
});
