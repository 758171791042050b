/** The department push's use cases on the in-memory ports: relay, pull, receipts, webhooks, the worker, operators. */
import { compactVerify, createLocalJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { deliverDue } from '#app/push/deliver';
import { acknowledge, pullEvents, reconciliation } from '#app/push/inbox';
import { listDeliveries, redrive } from '#app/push/operators';
import { relayOutboxEvent } from '#app/push/relay';
import { registerWebhook, webhookStatus } from '#app/push/webhooks';
import type { Caller } from '#domain/caller';
import { dataFor } from '#domain/push/entitlements';
import { verifyWebhook } from '#domain/push/webhook-signature';
import type { WebhookCall, WebhookSender } from '#ports/webhook-sender';
import { DOMESTIC, lifeOf } from '../../push/fixtures.ts';

const T0 = new Date('2026-11-20T02:00:00.000Z');
const FACTS = { entityType: 'limited_liability_company', scopeCodes: ['I65001'] };
const tax: Caller = { sub: 'tax-system', role: 'department', departmentCode: 'tax' };
const hrss: Caller = { sub: 'hrss-system', role: 'department', departmentCode: 'hrss' };
const operator: Caller = { sub: 'op', role: 'operator' };

async function relayed(events = lifeOf(DOMESTIC)) {
  const ports = memoryPorts({ now: T0 });
  for (const e of events) await relayOutboxEvent(ports, e, FACTS);
  return ports;
}

function recorder(answer: (call: WebhookCall) => boolean = () => true) {
  const calls: WebhookCall[] = [];
  const send: WebhookSender = async (call) => {
    calls.push(call);
    return answer(call) ? { ok: true, status: 204 } : { ok: false, status: 503, error: 'HTTP 503' };
  };
  return { calls, send };
}

describe('relayOutboxEvent', () => {
  it('plans one signed delivery per recipient, numbered per department, and nothing twice', async () => {
    const ports = await relayed();
    const page = await pullEvents(ports, tax, 'tax', undefined, 100);
    expect(page.items.map((i) => i.event.sequence)).toEqual(
      page.items.map((_, n) => String(n + 1).padStart(10, '0')),
    );
    expect(page.items.length).toBeGreaterThan(1);
    const jwks = createLocalJWKSet(await ports.keyring.jwks());
    for (const item of page.items) {
      const { payload } = await compactVerify(item.jws, jwks);
      expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(item.event);
      const original = lifeOf(DOMESTIC).find((e) => item.event.id.startsWith(`${e.id}:`))!;
      expect(item.event.data).toEqual(dataFor('tax', item.event.type, original.data));
    }
    expect(ports.deliveries.relayed.has(`${DOMESTIC}#1`)).toBe(true);
    const again = await relayOutboxEvent(ports, lifeOf(DOMESTIC)[0]!, FACTS);
    expect(again.created).toEqual([]);
    expect(again.replayed.length).toBeGreaterThan(0);
    expect((await pullEvents(ports, tax, 'tax', undefined, 100)).items).toHaveLength(page.items.length);
  });
});

describe('relayed status', () => {
  it('leaves a delivery to a department with no webhook in its inbox at once; a later webhook gets what follows', async () => {
    const ports = memoryPorts({ now: T0 });
    const [first, second] = lifeOf(DOMESTIC);
    const { created } = await relayOutboxEvent(ports, first!, FACTS);
    for (const id of created) expect((await ports.deliveries.get(id))?.status).toBe('inbox');
    expect(await ports.deliveries.due(ports.clock.now(), 100)).toEqual([]);
    const hook = await registerWebhook(ports, hrss, 'hrss', 'http://127.0.0.1:9/hrss', 'local');
    await relayOutboxEvent(ports, second!, FACTS);
    const { calls, send } = recorder();
    await deliverDue(ports, ports.clock.now(), send);
    expect(calls.map((c) => [new URL(c.url).pathname, JSON.parse(c.body).sequence])).toEqual([
      ['/hrss', '0000000002'],
    ]);
    expect(verifyWebhook(hook.secret, calls[0]!.headers, calls[0]!.body, ports.clock.now())).toMatchObject({
      ok: true,
    });
  });
});

describe('pullEvents', () => {
  it('pages a department through its own inbox in order and resumes from any cursor it gave', async () => {
    const ports = await relayed();
    const all = (await pullEvents(ports, tax, 'tax', undefined, 100)).items.map((i) => i.event.id);
    const first = await pullEvents(ports, tax, 'tax', undefined, 2);
    const rest = await pullEvents(ports, tax, 'tax', first.nextCursor!, 100);
    expect([...first.items, ...rest.items].map((i) => i.event.id)).toEqual(all);
    const tail = await pullEvents(ports, tax, 'tax', rest.nextCursor!, 100);
    expect(tail.items).toEqual([]);
    expect(tail.nextCursor).toBe(rest.nextCursor);
  });

  it("answers 404 for another department's inbox, 400 for a cursor never issued, 410 past retention", async () => {
    const ports = await relayed();
    await expect(pullEvents(ports, hrss, 'tax', undefined, 10)).rejects.toMatchObject({ code: 'not-found' });
    await expect(pullEvents(ports, tax, 'tax', 'bm9wZQ', 10)).rejects.toMatchObject({ code: 'validation' });
    const forged = Buffer.from(
      JSON.stringify({ k: 'events-tax', p: { after: '2026-11-20T02:00:00.000Z#000000000999' } }),
    ).toString('base64url');
    await expect(pullEvents(ports, tax, 'tax', forged, 10)).rejects.toMatchObject({ code: 'validation' });
    const cursor = (await pullEvents(ports, tax, 'tax', undefined, 1)).nextCursor!;
    ports.clock.advance(2 * 366 * 86_400_000);
    await expect(pullEvents(ports, tax, 'tax', cursor, 10)).rejects.toMatchObject({
      code: 'cursor-expired',
      details: expect.objectContaining({ resumeCursor: expect.any(String) }),
    });
  });
});

describe('acknowledge and reconciliation', () => {
  it('acknowledges once, idempotently; 404 for an event not in that inbox; counts the day', async () => {
    const ports = await relayed();
    const [first] = (await pullEvents(ports, tax, 'tax', undefined, 1)).items;
    const a = await acknowledge(ports, tax, 'tax', first!.event.id);
    ports.clock.advance(1000);
    expect(await acknowledge(ports, tax, 'tax', first!.event.id)).toEqual(a);
    await expect(acknowledge(ports, hrss, 'hrss', first!.event.id)).rejects.toMatchObject({
      code: 'not-found',
    });
    const day = await reconciliation(ports, operator, 'tax', '2026-11-20');
    expect(day.acknowledged).toBe(1);
    expect(day.sent).toBe(day.acknowledged + day.outstanding);
    expect(day.sent).toBeGreaterThan(1);
  });
});

describe('registerWebhook', () => {
  it('refuses plain http in the cloud and anything but loopback locally; answers the secret once', async () => {
    const ports = memoryPorts({ now: T0 });
    await expect(
      registerWebhook(ports, tax, 'tax', 'http://tax.example.cn/hook', 'cloud'),
    ).rejects.toMatchObject({
      code: 'webhook-url-refused',
    });
    await expect(registerWebhook(ports, tax, 'tax', 'http://10.0.0.5/hook', 'local')).rejects.toMatchObject({
      code: 'webhook-url-refused',
    });
    await expect(registerWebhook(ports, hrss, 'tax', 'https://x.example/', 'cloud')).rejects.toMatchObject({
      code: 'not-found',
    });
    const hook = await registerWebhook(ports, tax, 'tax', 'http://127.0.0.1:9/hook', 'local');
    expect(hook.secret).toMatch(/^whsec_/);
    const status = await webhookStatus(ports, operator, 'tax');
    expect(status).toMatchObject({ status: 'active', url: 'http://127.0.0.1:9/hook' });
    expect(status).not.toHaveProperty('secret');
  });
});

describe('deliverDue', () => {
  it('pushes each pair in order with Standard Webhooks headers; a failing head holds its pair only', async () => {
    const ports = memoryPorts({ now: T0 });
    const hook = await registerWebhook(ports, tax, 'tax', 'http://127.0.0.1:9/tax', 'local');
    const events = lifeOf(DOMESTIC);
    for (const e of events.slice(0, 3)) await relayOutboxEvent(ports, e, FACTS);
    let failing = true;
    const { calls, send } = recorder(() => !failing);
    const opts = { random: () => 0.5, policy: { baseMs: 1000, capMs: 10_000, maxAttempts: 3 } };
    await deliverDue(ports, ports.clock.now(), send, opts);
    const taxCalls = () => calls.filter((c) => c.url.endsWith('/tax'));
    expect(taxCalls()).toHaveLength(1);
    const first = taxCalls()[0]!;
    expect(verifyWebhook(hook.secret, first.headers, first.body, ports.clock.now())).toMatchObject({
      ok: true,
    });
    // hrss has no webhook: its events stay in its inbox for pull.
    expect((await listDeliveries(ports, operator, 'inbox', undefined, 100)).items.length).toBeGreaterThan(0);
    ports.clock.advance(60_000);
    await deliverDue(ports, ports.clock.now(), send, opts);
    ports.clock.advance(60_000);
    await deliverDue(ports, ports.clock.now(), send, opts);
    const parked = await listDeliveries(ports, operator, 'failed', undefined, 10);
    expect(parked.items).toHaveLength(1);
    expect(taxCalls()).toHaveLength(3);
    ports.clock.advance(60_000);
    await deliverDue(ports, ports.clock.now(), send, opts);
    expect(taxCalls()).toHaveLength(3);
    failing = false;
    await redrive(ports, operator, parked.items[0]!.id);
    for (let i = 0; i < 5; i++) await deliverDue(ports, ports.clock.now(), send, opts);
    const sequences = taxCalls()
      .slice(3)
      .map((c) => JSON.parse(c.body).sequence);
    expect(sequences).toEqual(['0000000001', '0000000002', '0000000003']);
    await expect(redrive(ports, operator, parked.items[0]!.id)).rejects.toMatchObject({ code: 'not-failed' });
    await expect(listDeliveries(ports, tax, 'failed', undefined, 10)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
