/**
 * The push's operator side and its guards on the in-memory ports: sealed webhook secrets, the skip of a
 * parked delivery, the per-department overview, and unknown department codes.
 */
import { describe, expect, it, vi } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { deliverDue } from '#app/push/deliver';
import { acknowledge, pullEvents, reconciliation } from '#app/push/inbox';
import { departmentOverview, listDeliveries, redrive, skip } from '#app/push/operators';
import { relayOutboxEvent } from '#app/push/relay';
import { registerWebhook, webhookStatus } from '#app/push/webhooks';
import type { Caller } from '#domain/caller';
import { knownDepartments } from '#domain/push/recipients';
import { verifyWebhook } from '#domain/push/webhook-signature';
import type { WebhookCall, WebhookSender } from '#ports/webhook-sender';
import { DOMESTIC, FOREIGN, lifeOf } from '../../push/fixtures.ts';

const T0 = new Date('2026-11-20T02:00:00.000Z');
const FACTS = { entityType: 'limited_liability_company', scopeCodes: ['I65001'] };
const POLICY = { random: () => 0.5, policy: { baseMs: 1000, capMs: 10_000, maxAttempts: 2 } };
const department = (code: string): Caller => ({
  sub: `${code}-system`,
  role: 'department',
  departmentCode: code,
});
const tax = department('tax');
const operator: Caller = { sub: 'op-wang', role: 'operator' };

function recorder(ok: (call: WebhookCall) => boolean) {
  const calls: WebhookCall[] = [];
  const send: WebhookSender = async (call) => {
    calls.push(call);
    return ok(call) ? { ok: true, status: 204 } : { ok: false, status: 503, error: 'HTTP 503' };
  };
  return { calls, send };
}

/** Tax's webhook failing until told otherwise; the first three events of a domestic enterprise relayed. */
async function parkedWorld() {
  const ports = memoryPorts({ now: T0 });
  const hook = await registerWebhook(ports, tax, 'tax', 'http://127.0.0.1:9/tax', 'local');
  for (const e of lifeOf(DOMESTIC).slice(0, 3)) await relayOutboxEvent(ports, e, FACTS);
  const state = { up: false };
  const { calls, send } = recorder(() => state.up);
  for (let i = 0; i < 3; i++) {
    await deliverDue(ports, ports.clock.now(), send, POLICY);
    ports.clock.advance(60_000);
  }
  const [parked] = (await listDeliveries(ports, operator, 'failed', undefined, 10)).items;
  return { ports, hook, calls, send, state, parked: parked! };
}

describe('webhook secrets at rest', () => {
  it('stores the secret sealed, and signs with it unsealed once a round', async () => {
    const ports = memoryPorts({ now: T0 });
    const hook = await registerWebhook(ports, tax, 'tax', 'http://127.0.0.1:9/tax', 'local');
    const stored = ports.deliveries.storedWebhook('tax')!;
    expect(JSON.stringify(stored)).not.toContain('whsec_');
    expect(JSON.stringify(stored)).not.toContain(hook.secret.slice('whsec_'.length));
    expect(await ports.sealer.unseal(stored.sealedSecret)).toBe(hook.secret);

    for (const code of [DOMESTIC, FOREIGN])
      for (const e of lifeOf(code, code === FOREIGN).slice(0, 2)) await relayOutboxEvent(ports, e, FACTS);
    const unseal = vi.spyOn(ports.sealer, 'unseal');
    const { calls, send } = recorder(() => true);
    await deliverDue(ports, ports.clock.now(), send);
    expect(calls.length).toBeGreaterThan(1);
    expect(unseal).toHaveBeenCalledTimes(1);
    for (const c of calls)
      expect(verifyWebhook(hook.secret, c.headers, c.body, ports.clock.now())).toMatchObject({ ok: true });
  });
});

describe('skip', () => {
  it("settles a parked delivery as skipped, on record, and releases its pair's next one", async () => {
    const w = await parkedWorld();
    expect(w.calls).toHaveLength(2);
    w.state.up = true;
    const skipped = await skip(w.ports, operator, w.parked.id, 'the tax bureau registered it by hand');
    expect(skipped).toMatchObject({
      id: w.parked.id,
      status: 'skipped',
      skippedBy: 'op-wang',
      skippedAt: w.ports.clock.now().toISOString(),
      skipReason: 'the tax bureau registered it by hand',
      lastError: 'HTTP 503',
      failedAt: expect.any(String),
    });
    expect(await w.ports.deliveries.get(w.parked.id)).toMatchObject({
      status: 'skipped',
      skippedBy: 'op-wang',
    });
    for (let i = 0; i < 3; i++) await deliverDue(w.ports, w.ports.clock.now(), w.send, POLICY);
    expect(w.calls.slice(2).map((c) => JSON.parse(c.body).sequence)).toEqual(['0000000002', '0000000003']);
    // The skipped event stays in the inbox for pull.
    const inbox = await pullEvents(w.ports, tax, 'tax', undefined, 100);
    expect(inbox.items.map((i) => i.event.id)).toContain(w.parked.id);
  });

  it('answers 409 for a delivery that is not failed, 404 for an unknown one, 403 for a department', async () => {
    const w = await parkedWorld();
    await skip(w.ports, operator, w.parked.id, 'done by hand');
    await expect(skip(w.ports, operator, w.parked.id, 'again')).rejects.toMatchObject({ code: 'not-failed' });
    await expect(redrive(w.ports, operator, w.parked.id)).rejects.toMatchObject({ code: 'not-failed' });
    await expect(skip(w.ports, operator, 'nope:tax', 'x')).rejects.toMatchObject({ code: 'not-found' });
    await expect(skip(w.ports, tax, w.parked.id, 'x')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('writes nothing when the delivery was redriven since it was read', async () => {
    const w = await parkedWorld();
    const stale = (await w.ports.deliveries.get(w.parked.id))!;
    await redrive(w.ports, operator, w.parked.id);
    expect(await w.ports.deliveries.settle(stale, { status: 'skipped', attempts: 2 }, T0)).toBe(false);
    expect((await w.ports.deliveries.get(w.parked.id))?.status).toBe('pending');
  });

  it('answers 409 to a redrive of a delivery skipped since it was read, and writes nothing', async () => {
    const w = await parkedWorld();
    const stale = (await w.ports.deliveries.get(w.parked.id))!;
    await skip(w.ports, operator, w.parked.id, 'done by hand');
    expect(await w.ports.deliveries.update(stale, { status: 'pending', attempts: 0 })).toBe(false);
    const get = w.ports.deliveries.get.bind(w.ports.deliveries);
    w.ports.deliveries.get = async (id) => (id === stale.id ? stale : get(id));
    await expect(redrive(w.ports, operator, w.parked.id)).rejects.toMatchObject({ code: 'not-failed' });
    w.ports.deliveries.get = get;
    expect((await w.ports.deliveries.get(w.parked.id))?.status).toBe('skipped');
  });
});

describe('departmentOverview', () => {
  it('counts per department what is outstanding, the oldest unacknowledged age, and parked deliveries', async () => {
    const w = await parkedWorld();
    const first = (await pullEvents(w.ports, tax, 'tax', undefined, 1)).items[0]!;
    await acknowledge(w.ports, tax, 'tax', first.event.id);
    const all = await departmentOverview(w.ports, operator);
    expect(all.map((d) => d.department)).toEqual(knownDepartments());
    const taxView = all.find((d) => d.department === 'tax')!;
    expect(taxView).toMatchObject({ sent: 3, acknowledged: 1, outstanding: 2, failed: 1 });
    expect(taxView.webhook).toMatchObject({ status: 'failing', url: 'http://127.0.0.1:9/tax' });
    expect(taxView.webhook).not.toHaveProperty('secret');
    // Relayed at T0, read three minutes later.
    expect(taxView).toMatchObject({
      oldestUnacknowledgedAt: T0.toISOString(),
      oldestUnacknowledgedAgeSeconds: 180,
    });
    const hrss = all.find((d) => d.department === 'hrss')!;
    expect(hrss).toMatchObject({ outstanding: 3, failed: 0, webhook: { status: 'disabled', url: null } });
    expect(all.find((d) => d.department === 'customs')).toMatchObject({ sent: 0, outstanding: 0 });
    expect(all.find((d) => d.department === 'customs')).not.toHaveProperty('oldestUnacknowledgedAt');

    await skip(w.ports, operator, w.parked.id, 'by hand');
    expect((await departmentOverview(w.ports, operator)).find((d) => d.department === 'tax')?.failed).toBe(0);
    await expect(departmentOverview(w.ports, tax)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('unknown department codes', () => {
  it('are not found on every department route, for the department and the operator alike', async () => {
    const ports = memoryPorts({ now: T0 });
    for (const code of ['housingfund', 'nosuch', 'TAX']) {
      const caller = department(code);
      const refused = { code: 'not-found' };
      await expect(pullEvents(ports, caller, code, undefined, 10)).rejects.toMatchObject(refused);
      await expect(acknowledge(ports, caller, code, 'e-1:tax')).rejects.toMatchObject(refused);
      await expect(
        registerWebhook(ports, caller, code, 'http://127.0.0.1:9/x', 'local'),
      ).rejects.toMatchObject(refused);
      await expect(webhookStatus(ports, caller, code)).rejects.toMatchObject(refused);
      await expect(webhookStatus(ports, operator, code)).rejects.toMatchObject(refused);
      await expect(reconciliation(ports, operator, code, '2026-11-20')).rejects.toMatchObject(refused);
    }
    await expect(pullEvents(ports, department('housingFund'), 'housingFund', undefined, 10)).resolves.toEqual(
      {
        items: [],
        nextCursor: null,
      },
    );
  });
});
