/**
 * `npm run bench:push`: the department push on the local runtime, from the state change to the department.
 * Webhooks of tax and hrss point at the department simulators (healthy: every call answered 204 after the
 * signature checks); outbox events are written straight into the registry table (as the state change's
 * transaction writes them, `delivery: 'pending'`), two per enterprise (registered, license issued), and the
 * runtime's stream relay and delivery worker take them from there. Printed: delivery throughput (events
 * reaching the simulators per second) and the lag from the event's `occurredAt` to its arrival at the
 * simulator, p50/p99, split into relay (outbox → inbox entry) and delivery (inbox → simulator).
 *
 * Two runs on one runtime: a burst (BENCH_EVENTS, default 2,000, written as fast as 8 writers go: the
 * throughput; its lag is mostly the backlog's queue), then a steady stream (BENCH_PACED_EVENTS at
 * BENCH_RATE events/s, defaults 600 at 10/s, about twice what the local registration path produces: the
 * lag a department sees when the push is not draining a backlog). The target is p99 < 1 s for the steady
 * stream. The writers, the relay, the worker and the simulators share this process and 2 cores with
 * DynamoDB Local, whose transactions (one a relay, one a webhook delivery) bound the throughput.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { JSONWebKeySet } from 'jose';
import { dynamoDocumentClient, roundTripsByCommand } from '#adapters/clients';
import { keys } from '#adapters/keys';
import { REGISTRY_TABLE } from '#contract/tables';
import { composeCreditCode } from '#domain/credit-code';
import type { OutboxEvent } from '#domain/enterprise';
import { outboxRecipients } from '#domain/push/recipients';
import { startRuntime } from '#local/runtime';
import { startDepartmentSimulators } from '../infra/local/department-simulator.ts';
import { lifeOf } from '../tests/unit/push/fixtures.ts';

process.env.LOG_LEVEL ??= 'WARN';
const BURST = Number(process.env.BENCH_EVENTS ?? 2000);
const PACED = Number(process.env.BENCH_PACED_EVENTS ?? 600);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const RECEIVERS = ['tax', 'hrss'] as const;
const EVENTS_PER_ENTERPRISE = 2;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const codeOf = (i: number) =>
  composeCreditCode({
    authorityCode: '9',
    entityTypeCode: '1',
    division: '110108',
    organizationBody: `MB${String(i).padStart(6, '0')}`,
  });

const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-push-'));
const runtime = await startRuntime({ port: 0, dataDir, persistent: false, rateLimitPerSecond: 0 });
const json = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
};

const jwks = (await json('GET', '/.well-known/jwks.json')) as unknown as JSONWebKeySet;
const sims = await startDepartmentSimulators(
  RECEIVERS.map((department) => ({ department, secret: `whsec_${Buffer.alloc(32).toString('base64')}` })),
  jwks,
);
const doc = dynamoDocumentClient();

/** Writes one enterprise's events in outbox order, each stamped with the moment it is written. */
async function writeEnterprise(i: number): Promise<OutboxEvent[]> {
  const events = lifeOf(codeOf(i)).slice(0, EVENTS_PER_ENTERPRISE);
  for (const event of events) {
    event.occurredAt = new Date().toISOString();
    await doc.send(
      new PutCommand({
        TableName: REGISTRY_TABLE.id,
        Item: { ...keys.outbox(event.creditCode, event.seq), ...event, delivery: 'pending' },
      }),
    );
  }
  return events;
}

/** Every inbox entry's `sentAt` by delivery id: where the relay's part of the lag ends. */
async function sentAtOf(department: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: REGISTRY_TABLE.id,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.inboxPartition(department) },
        ProjectionExpression: 'id, sentAt',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) out.set(String(item.id), String(item.sentAt));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

interface Run {
  name: string;
  events: number;
  written: number;
  seconds: number;
  delivered: number;
  lag: number[];
  relay: number[];
  delivery: number[];
  trips: number;
}

async function run(name: string, from: number, enterprises: number, rate?: number): Promise<Run> {
  const seen = new Map(RECEIVERS.map((d) => [d, sims.get(d)!.received().length]));
  const before = roundTripsByCommand();
  const written: OutboxEvent[] = [];
  const t0 = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < enterprises) {
        const i = next++;
        // Paced: enterprise i is due at t0 + i / (rate / events per enterprise) seconds.
        if (rate) {
          const due = t0 + (i * 1000 * EVENTS_PER_ENTERPRISE) / rate;
          if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        }
        written.push(...(await writeEnterprise(from + i)));
      }
    }),
  );
  const writtenAt = Date.now();
  const byId = new Map(written.map((e) => [e.id, e]));
  const expected = new Map<string, number>();
  for (const e of written) {
    const facts = { entityType: String(lifeOf(e.creditCode)[0]!.data.entityType), scopeCodes: ['I65001'] };
    for (const d of outboxRecipients(e, facts))
      if ((RECEIVERS as readonly string[]).includes(d)) expected.set(d, (expected.get(d) ?? 0) + 1);
  }
  const arrivals = () =>
    RECEIVERS.flatMap((d) =>
      sims
        .get(d)!
        .received()
        .slice(seen.get(d)!)
        .map((r) => ({ ...r, department: d })),
    );
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  const deadline = Date.now() + 300_000;
  while (arrivals().length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const got = arrivals();
  const last = Math.max(...got.map((r) => Date.parse(r.receivedAt)));
  const sent = new Map<string, string>();
  for (const d of RECEIVERS) for (const [id, at] of await sentAtOf(d)) sent.set(id, at);
  const lag: number[] = [];
  const relay: number[] = [];
  const delivery: number[] = [];
  for (const r of got) {
    const occurred = Date.parse(byId.get(r.id.slice(0, r.id.lastIndexOf(':')))!.occurredAt);
    const inbox = Date.parse(sent.get(r.id) ?? r.receivedAt);
    lag.push(Date.parse(r.receivedAt) - occurred);
    relay.push(inbox - occurred);
    delivery.push(Date.parse(r.receivedAt) - inbox);
  }
  let trips = 0;
  for (const [k, v] of roundTripsByCommand())
    if (k.startsWith('dynamodb:')) trips += v - (before.get(k) ?? 0);
  return {
    name,
    events: written.length,
    written: written.length / ((writtenAt - t0) / 1000),
    seconds: (last - t0) / 1000,
    delivered: got.length,
    lag,
    relay,
    delivery,
    trips: trips / Math.max(1, got.length),
  };
}

try {
  for (const department of RECEIVERS) {
    const { token } = await json('POST', '/v1/dev/tokens', {
      role: 'department',
      sub: `${department}-bench`,
      departmentCode: department,
    });
    const hook = await json(
      'PUT',
      `/v1/departments/${department}/webhook`,
      { url: sims.get(department)!.url },
      String(token),
    );
    sims.get(department)!.useSecret(String(hook.secret));
  }
  await run('warm-up', 900_000, 20);
  const burstEnterprises = Math.ceil(BURST / EVENTS_PER_ENTERPRISE);
  const burst = await run('burst', 0, burstEnterprises);
  // The relay reads the whole stream, its own writes too (about 20 records an event): let it get through
  // the burst's before the steady run, whose first events would otherwise wait for that (the cloud's pipe
  // filters them out before they reach the relay).
  await new Promise((r) => setTimeout(r, 5_000));
  const steady = await run(
    `steady ${RATE}/s`,
    burstEnterprises,
    Math.ceil(PACED / EVENTS_PER_ENTERPRISE),
    RATE,
  );
  const runs = [burst, steady];
  const anomalies = RECEIVERS.map((d) => {
    const s = sims.get(d)!;
    return `${d}: ${s.gaps().length} gaps, ${s.outOfOrder().length} out of order, ${s.duplicates().length} duplicates, ${s.rejected().length} rejected`;
  });
  console.log(
    `\nDepartment push, outbox to simulator, receivers healthy (${new Date().toISOString()}, Node ${process.version}, 2 cores)\n`,
  );
  console.log(
    '| run | outbox events | written/s | deliveries to simulators | deliveries/s | lag p50 ms | lag p99 ms | relay p50/p99 ms | delivery p50/p99 ms | DynamoDB round trips/delivery |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of runs) {
    const pp = (xs: number[]) => `${percentile(xs, 50).toFixed(0)} / ${percentile(xs, 99).toFixed(0)}`;
    console.log(
      `| ${r.name} | ${r.events} | ${r.written.toFixed(0)} | ${r.delivered} | ${(r.delivered / r.seconds).toFixed(0)} | ${percentile(r.lag, 50).toFixed(0)} | ${percentile(r.lag, 99).toFixed(0)} | ${pp(r.relay)} | ${pp(r.delivery)} | ${r.trips.toFixed(1)} |`,
    );
  }
  console.log(`\n${anomalies.join('; ')}`);
} finally {
  await Promise.all([...sims.values()].map((s) => s.close()));
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
