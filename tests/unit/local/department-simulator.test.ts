import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJws } from '#domain/license/jws';
import {
  departmentEvent,
  EVENT_JWS_HEADER,
  type SignedDepartmentEvent,
  signDepartmentEvent,
  webhookRequest,
} from '#domain/push/events';
import { loadPushRouting } from '#domain/push/recipients';
import { webhookHeaders, webhookSecret } from '#domain/push/webhook-signature';
import { DepartmentSimulator, startDepartmentSimulators } from '#local/department-simulator';
import type { JwkSet, Signer } from '#ports/signer';
import { DOMESTIC, FOREIGN, lifeOf, memorySigner, SOURCE } from '../push/fixtures.ts';

const version = loadPushRouting().version;
const secrets = { tax: webhookSecret(randomBytes(32)), hrss: webhookSecret(randomBytes(32)) };
let registry: Signer;
let jwks: JwkSet;
let sims: Map<string, DepartmentSimulator>;
const tax = () => sims.get('tax')!;

beforeAll(async () => {
  registry = memorySigner('registry-1');
  jwks = { keys: [await registry.publicJwk()] };
  sims = await startDepartmentSimulators(
    [
      { department: 'tax', secret: secrets.tax },
      { department: 'hrss', secret: secrets.hrss },
    ],
    async () => jwks,
  );
});
afterAll(async () => {
  await Promise.all([...sims.values()].map((s) => s.close()));
});

const life = lifeOf(DOMESTIC);
let nextOutboxSeq = 100;

/** A signed event for a department; each call is a new outbox event unless `seq` is given. */
function signed(
  department: string,
  sequence: number,
  opts: { signer?: Signer; creditCode?: string; seq?: number } = {},
) {
  const seq = opts.seq ?? nextOutboxSeq++;
  const outbox = {
    ...life[0]!,
    id: `${opts.creditCode ?? DOMESTIC}-${seq}`,
    creditCode: opts.creditCode ?? DOMESTIC,
  };
  return signDepartmentEvent(
    opts.signer ?? registry,
    departmentEvent(outbox, department, sequence, version, SOURCE),
  );
}

function post(sim: DepartmentSimulator, body: string, headers: Record<string, string>) {
  return fetch(sim.url, { method: 'POST', body, headers });
}

function deliver(sim: DepartmentSimulator, event: SignedDepartmentEvent, secret = secrets.tax) {
  const { body, headers } = webhookRequest(event, secret, Math.floor(Date.now() / 1000));
  return post(sim, body, headers);
}

describe('the department simulator', () => {
  it('listens on loopback only and keeps a genuine delivery', async () => {
    expect(new URL(tax().url).hostname).toBe('127.0.0.1');
    const event = await signed('tax', 1);
    const res = await deliver(tax(), event);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: event.event.id, duplicate: false });
    expect(
      tax()
        .received()
        .map((r) => r.id),
    ).toContain(event.event.id);
  });

  it('catches a forged JWS: signed by a key not in the JWKS, though the webhook secret is right', async () => {
    const forged = await signed('tax', 2, { signer: memorySigner('registry-1') });
    const res = await deliver(tax(), forged);
    expect(res.status).toBe(401);
    expect(tax().rejected().at(-1)).toMatchObject({
      status: 401,
      reason: 'event signature: does not verify against the JWKS',
      webhookId: forged.event.id,
    });
    expect(
      tax()
        .received()
        .map((r) => r.id),
    ).not.toContain(forged.event.id);
  });

  it('catches a body altered after signing, even with a fresh webhook signature over it', async () => {
    const event = await signed('tax', 2);
    const altered = event.body.replace('北京星河数据科技有限公司', '北京月亮数据科技有限公司');
    const headers = {
      ...webhookHeaders(secrets.tax, event.event.id, Math.floor(Date.now() / 1000), altered),
      [EVENT_JWS_HEADER]: webhookRequest(event, secrets.tax, 0).headers[EVENT_JWS_HEADER]!,
    };
    expect((await post(tax(), altered, headers)).status).toBe(401);
    expect(tax().rejected().at(-1)?.reason).toMatch(/^event signature/);
  });

  it('refuses another JWS of the registry’s key passed off as an event (explicit typ)', async () => {
    const event = await signed('tax', 2);
    const license = await signJws(registry, { typ: 'vc+jwt' }, event.event);
    const { body, headers } = webhookRequest(
      { ...event, jws: license },
      secrets.tax,
      Math.floor(Date.now() / 1000),
    );
    expect((await post(tax(), body, headers)).status).toBe(401);
    expect(tax().rejected().at(-1)?.reason).toMatch(/^event signature/);
  });

  it('refuses a wrong webhook secret, a stale timestamp, and an event meant for another department', async () => {
    const event = await signed('tax', 2);
    expect((await deliver(tax(), event, secrets.hrss)).status).toBe(401);
    const stale = webhookRequest(event, secrets.tax, Math.floor(Date.now() / 1000) - 3600);
    expect((await post(tax(), stale.body, stale.headers)).status).toBe(401);
    const forHrss = await signed('hrss', 1);
    expect((await deliver(tax(), forHrss, secrets.tax)).status).toBe(400);
    expect(tax().rejected().at(-1)?.reason).toContain('meant for hrss');
  });

  it('deduplicates a replay by id, answers it 200, and counts it', async () => {
    const event = await signed('tax', 2);
    expect((await deliver(tax(), event)).status).toBe(200);
    const again = await deliver(tax(), event);
    expect(await again.json()).toEqual({ id: event.event.id, duplicate: true });
    expect(
      tax()
        .received()
        .filter((r) => r.id === event.event.id),
    ).toHaveLength(1);
    expect(tax().duplicates()).toEqual([{ id: event.event.id, times: 1 }]);
    expect(tax().gaps()).toEqual([]);
  });

  it('finds a gap in an enterprise’s sequence, per enterprise', async () => {
    for (const sequence of [1, 3])
      await deliver(tax(), await signed('tax', sequence, { creditCode: FOREIGN }));
    expect(tax().gaps()).toEqual([{ department: 'tax', creditCode: FOREIGN, from: 2, to: 2 }]);
    await deliver(tax(), await signed('tax', 2, { creditCode: FOREIGN }));
    expect(tax().gaps()).toEqual([]);
    expect(tax().outOfOrder()).toEqual([{ department: 'tax', creditCode: FOREIGN, sequence: 2, after: 3 }]);
  });
});

describe('the simulator’s failure modes', () => {
  let sim: DepartmentSimulator;
  beforeAll(async () => {
    sim = await DepartmentSimulator.start({
      department: 'hrss',
      secret: secrets.hrss,
      jwks: async () => jwks,
    });
  });
  afterAll(() => sim.close());
  const send = async (sequence: number) => deliver(sim, await signed('hrss', sequence), secrets.hrss);

  it('fails a seeded share of calls, the same share on every run', async () => {
    sim.failShare(0.3, 2026);
    const statuses = [];
    for (let i = 1; i <= 100; i++) statuses.push((await send(i)).status);
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBe(sim.stats().failedOnPurpose);
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(45);
    expect(sim.received()).toHaveLength(100 - failed);
    sim.failShare(0);
  });

  it('answers slowly when told to', async () => {
    sim.slow(150);
    const started = performance.now();
    expect((await send(1)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    sim.slow(0);
  });

  it('is down for a stretch answering 503, then up again by itself', async () => {
    await sim.down(300, '503');
    const res = await send(1);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await send(2)).status).toBe(200);
  });

  it('refuses connections while down, and listens again on the same address when up', async () => {
    const url = sim.url;
    await sim.down(60_000, 'refuse');
    await expect(send(1)).rejects.toThrow();
    await sim.up();
    expect(sim.url).toBe(url);
    expect((await send(2)).status).toBe(200);
  });

  it('waits for a number of events with a deadline', async () => {
    const kept = sim.received().length;
    await expect(sim.waitForEvents(kept + 1, 50)).rejects.toThrow(/after 50 ms/);
    const waiting = sim.waitForEvents(kept + 1, 2_000);
    await send(3);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('stops with close(): nothing listens afterwards', async () => {
    const other = await DepartmentSimulator.start({ department: 'tax', secret: secrets.tax, jwks });
    const url = other.url;
    await other.close();
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
