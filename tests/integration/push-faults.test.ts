/**
 * The push under faults, at the issue's scale: 1,000 enterprises' events (100 through full registrations
 * over HTTP, with their licenses; 900 through the registration-completion use case) while the tax
 * receiver fails 30% of its calls at random and is down for 10 seconds. Every department ends with every
 * event it is entitled to, exactly once after deduplication, in order per enterprise, with no gap in its
 * own sequence: tax and hrss as webhook receivers (the simulators), the others through their inboxes.
 */
import { join } from 'node:path';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsAdapters } from '#adapters/aws-ports';
import { dynamoDocumentClient } from '#adapters/clients';
import { keys, lockClassAttribute } from '#adapters/keys';
import { LocalFileSealer } from '#adapters/sealer';
import { LocalKeyring } from '#adapters/signer-local';
import { registerEnterprise } from '#app/registration/completion';
import { REGISTRY_TABLE } from '#contract/tables';
import { composeCreditCode } from '#domain/credit-code';
import type { OutboxEvent } from '#domain/enterprise';
import { loadPushRouting, outboxRecipients } from '#domain/push/recipients';
import type { Ports } from '#ports/ports';
import {
  type DepartmentSimulator,
  startDepartmentSimulators,
} from '../../infra/local/department-simulator.ts';
import { body, reserve, statusOf, uploadAll, useIndustry } from './registration-support.ts';
import { call, runtime, tokenFor } from './support.ts';

useIndustry('物流');

const OVER_HTTP = 100;
const THROUGH_USE_CASE = 900;
const RECEIVERS = ['tax', 'hrss'] as const;

const codeOf = (i: number) =>
  composeCreditCode({
    authorityCode: '9',
    entityTypeCode: '1',
    division: '440305',
    organizationBody: `MF${String(i).padStart(6, '0')}`,
  });

/** Runs `work` over `items`, `lanes` at a time. */
async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** An approved registration as the workflow leaves it before RegisterEnterprise, with its name lock. */
async function approvedCase(doc: DynamoDBDocumentClient, i: number): Promise<{ id: string; code: string }> {
  const id = `push-faults-${i}`;
  const code = codeOf(i);
  const lock = { scope: '4403', tradeKey: `push-faults-${i}`, industryClass: 'L' };
  // Every fourth one trades abroad (customs receives it) and every fifth is foreign-invested (commerce).
  const scope = i % 4 === 0 ? ['F51001', 'F51028'] : ['I65001'];
  const entityType = i % 5 === 0 ? 'foreign_invested_company' : 'limited_liability_company';
  const at = new Date().toISOString();
  await doc.send(
    new PutCommand({
      TableName: REGISTRY_TABLE.id,
      Item: { ...keys.nameLock(lock), [lockClassAttribute('L')]: { id: `rsv-${id}` } },
    }),
  );
  await doc.send(
    new PutCommand({
      TableName: REGISTRY_TABLE.id,
      Item: {
        ...keys.registration(id),
        id,
        channel: 'online',
        ownerSub: 'push-faults',
        reservationId: `rsv-${id}`,
        name: `深圳市推送${i}物流有限公司`,
        authority: '440305',
        authorityScope: '4403',
        nameLock: lock,
        tradeName: `推送${i}`,
        industry: '物流',
        entityType,
        status: 'approved',
        timeline: [],
        sealedApplication: 'sealed',
        summary: { businessScope: scope },
        materials: [],
        reviewRound: 0,
        creditCode: code,
        createdAt: at,
        updatedAt: at,
      },
    }),
  );
  return { id, code };
}

async function outboxOf(doc: DynamoDBDocumentClient, code: string): Promise<OutboxEvent[]> {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: REGISTRY_TABLE.id,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.outbox(code, 1).pk },
      ConsistentRead: true,
    }),
  );
  return Items as OutboxEvent[];
}

interface PulledEvent {
  event: { id: string; subject: string; sequence: string; type: string };
}

/** Everything in a department's inbox, page by page, as the department reads it. */
async function pullAll(department: string, token: string): Promise<PulledEvent[]> {
  const all: PulledEvent[] = [];
  let cursor = '';
  for (;;) {
    const page = await call<{ items: PulledEvent[]; nextCursor?: string }>(
      'GET',
      `/v1/departments/${department}/events?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(page.status).toBe(200);
    all.push(...page.body.items);
    if (page.body.items.length === 0 || !page.body.nextCursor) return all;
    cursor = page.body.nextCursor;
  }
}

describe('the push under faults: 1,000 enterprises, tax failing 30% and down 10 s', () => {
  let ports: Ports;
  let sims: Map<string, DepartmentSimulator>;
  const codes: string[] = [];
  /** The enterprises registered over HTTP: their workflow issues a license after `registered`. */
  const licensed = new Set<string>();

  beforeAll(async () => {
    const { url, dataDir } = runtime();
    ports = awsAdapters(() => new LocalFileSealer(join(dataDir, 'keys', 'sealing-key')), {
      keyring: () => new LocalKeyring(join(dataDir, 'keys', 'license')),
      baseUrl: () => url,
    });
    const jwks = async () => (await call<JSONWebKeySet>('GET', '/.well-known/jwks.json')).body;
    sims = await startDepartmentSimulators(
      RECEIVERS.map((department) => ({ department, secret: `whsec_${Buffer.alloc(32).toString('base64')}` })),
      jwks,
    );
    for (const department of RECEIVERS) {
      const token = await tokenFor({
        role: 'department',
        sub: `${department}-faults`,
        departmentCode: department,
      });
      const put = await call<{ secret: string }>('PUT', `/v1/departments/${department}/webhook`, {
        token,
        body: { url: sims.get(department)!.url },
      });
      expect(put.status).toBe(200);
      sims.get(department)!.useSecret(put.body.secret);
    }
    sims.get('tax')!.failShare(0.3, 2026);
  });

  afterAll(async () => {
    await Promise.all([...(sims?.values() ?? [])].map((s) => s.close()));
  });

  it('ends with every entitled event at every department, once, in order, gap-free', async () => {
    const doc = dynamoDocumentClient();
    const applicant = await tokenFor({ role: 'applicant', sub: 'push-faults-applicant' });
    const overHttp = inLanes(
      Array.from({ length: OVER_HTTP }, (_, i) => i),
      4,
      async () => {
        const reservationId = await reserve(applicant);
        const submitted = await call('POST', '/v1/registrations', {
          token: applicant,
          body: body(reservationId, await uploadAll(applicant)),
        });
        expect(submitted.status).toBe(202);
        const done = await statusOf(
          applicant,
          String(submitted.body.id),
          ['registered', 'rejected'],
          120_000,
        );
        expect(done.status).toBe('registered');
        codes.push(done.creditCode!);
        licensed.add(done.creditCode!);
      },
    );
    const throughUseCase = inLanes(
      Array.from({ length: THROUGH_USE_CASE }, (_, i) => i),
      8,
      async (i) => {
        const { id, code } = await approvedCase(doc, i);
        await registerEnterprise(ports, id, code);
        codes.push(code);
      },
    );
    // The receiver's outage falls while the events flow.
    const outage = new Promise((r) => setTimeout(r, 3_000)).then(() => sims.get('tax')!.down(10_000));
    await Promise.all([overHttp, throughUseCase, outage]);
    expect(codes).toHaveLength(OVER_HTTP + THROUGH_USE_CASE);
    // The licenses of the registrations over HTTP come after `registered`: wait until each has its event.
    const written = new Map<string, OutboxEvent[]>();
    const deadline = Date.now() + 120_000;
    for (const code of codes) {
      let events = await outboxOf(doc, code);
      while (licensed.has(code) && !events.some((e) => e.type === 'license.issued')) {
        if (Date.now() > deadline) throw new Error(`no license.issued for ${code}`);
        await new Promise((r) => setTimeout(r, 200));
        events = await outboxOf(doc, code);
      }
      written.set(code, events);
    }

    const routing = loadPushRouting();
    const expected = new Map<string, string[]>();
    for (const events of written.values()) {
      const registered = events.find((e) => e.type === 'enterprise.registered')!;
      const facts = {
        entityType: String(registered.data.entityType),
        scopeCodes: (registered.data.businessScope as string[] | undefined) ?? [],
      };
      for (const event of events)
        for (const department of outboxRecipients(event, facts, routing))
          expected.set(department, [...(expected.get(department) ?? []), `${event.id}:${department}`]);
    }
    expect([...expected.keys()].sort()).toEqual(expect.arrayContaining(['hrss', 'statistics', 'tax']));

    for (const department of RECEIVERS) {
      const sim = sims.get(department)!;
      const want = new Set(expected.get(department)!);
      const mine = () => sim.received().filter((r) => want.has(r.id));
      const until = Date.now() + 240_000;
      while (mine().length < want.size && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
      const got = mine();
      expect(got).toHaveLength(want.size);
      expect(new Set(got.map((r) => r.id)).size).toBe(want.size);
      expect(sim.gaps().filter((g) => written.has(g.creditCode))).toEqual([]);
      expect(sim.outOfOrder().filter((a) => written.has(a.creditCode))).toEqual([]);
      expect(sim.rejected()).toEqual([]);
    }
    const tax = sims.get('tax')!.stats();
    expect(tax.failedOnPurpose).toBeGreaterThan(100);
    expect(tax.downAnswers).toBeGreaterThan(0);

    // The departments without a webhook read theirs: the same events, each pair's sequence 1, 2, …
    for (const department of [...expected.keys()].filter(
      (d) => !(RECEIVERS as readonly string[]).includes(d),
    )) {
      const token = await tokenFor({
        role: 'department',
        sub: `${department}-faults`,
        departmentCode: department,
      });
      const pulled = (await pullAll(department, token)).filter((p) => written.has(p.event.subject));
      expect(pulled.map((p) => p.event.id).sort()).toEqual([...expected.get(department)!].sort());
      const last = new Map<string, number>();
      for (const { event } of pulled) {
        const n = Number(event.sequence);
        expect(n, `${department} ${event.subject}`).toBe((last.get(event.subject) ?? 0) + 1);
        last.set(event.subject, n);
      }
    }
  }, 600_000);
});
