/**
 * What the use cases count through the metrics port (contract/metrics.ts): name checks by verdict, Decide's
 * outcome and failed rules, registrations registered and rejected (once, however often a task runs), and
 * delivery attempts by result.
 */
import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { checkName } from '#app/names/check-name';
import { deliverDue } from '#app/push/deliver';
import { relayOutboxEvent } from '#app/push/relay';
import { registerWebhook } from '#app/push/webhooks';
import { decide } from '#app/registration/checks';
import { assignCreditCode, registerEnterprise } from '#app/registration/completion';
import { rejectRegistration } from '#app/registration/endings';
import type { Caller } from '#domain/caller';
import type { WebhookSender } from '#ports/webhook-sender';
import { DOMESTIC, FOREIGN, lifeOf } from '../push/fixtures.ts';
import { alice, checked, DIVISION, freshPorts, NAME, reserve } from './support.ts';

describe('metrics of the use cases', () => {
  it('counts each public name check by its verdict', async () => {
    const ports = freshPorts();
    await checkName(ports, NAME, DIVISION);
    await reserve(ports, alice);
    await checkName(ports, NAME, DIVISION);
    expect(ports.metrics.counted('NameChecks', { verdict: 'available' })).toBe(1);
    expect(ports.metrics.counted('NameChecks', { verdict: 'unavailable' })).toBe(1);
  });

  it("counts Decide's outcome and every rule it found failing", async () => {
    const ports = freshPorts();
    const c = await checked(ports);
    const referred = { ...c.assessment, failedRules: ['entity-type-standard', 'no-foreign-investment'] };
    await decide(ports, c.registration.id, c.check.facts, referred);
    expect(ports.metrics.counted('Decisions', { outcome: 'review' })).toBe(1);
    expect(ports.metrics.counted('DecisionRuleFailures', { rule: 'entity-type-standard' })).toBe(1);
    expect(ports.metrics.counted('DecisionRuleFailures', { rule: 'no-foreign-investment' })).toBe(1);
  });

  it('counts a registration registered once, when its enterprise is created', async () => {
    const ports = freshPorts();
    const c = await checked(ports);
    const decision = await decide(ports, c.registration.id, c.check.facts, c.assessment);
    expect(ports.metrics.counted('Decisions', { outcome: 'approve' })).toBe(1);
    const { creditCode } = await assignCreditCode(ports, c.registration.id, c.check.facts, decision);
    await registerEnterprise(ports, c.registration.id, creditCode);
    await registerEnterprise(ports, c.registration.id, creditCode);
    expect(ports.metrics.counted('Registrations', { outcome: 'registered' })).toBe(1);
  });

  it('counts a rejection once, by the write that moved the case', async () => {
    const ports = freshPorts();
    const c = await checked(ports);
    await rejectRegistration(ports, c.registration.id, 'decision');
    await rejectRegistration(ports, c.registration.id, 'decision');
    expect(ports.metrics.counted('Registrations', { outcome: 'rejected' })).toBe(1);
    expect(ports.metrics.counted('Registrations', { outcome: 'registered' })).toBe(0);
  });

  it('counts delivery attempts: delivered, retrying, and failed once parked', async () => {
    const ports = memoryPorts({ now: new Date('2026-11-20T02:00:00.000Z') });
    const tax: Caller = { sub: 'tax-system', role: 'department', departmentCode: 'tax' };
    await registerWebhook(ports, tax, 'tax', 'http://127.0.0.1:9/tax', 'local');
    const facts = { entityType: 'limited_liability_company', scopeCodes: ['I65001'] };
    await relayOutboxEvent(ports, lifeOf(DOMESTIC)[0]!, facts);
    let up = false;
    const send: WebhookSender = async () =>
      up ? { ok: true, status: 204 } : { ok: false, status: 503, error: 'HTTP 503' };
    const policy = { random: () => 0.5, policy: { baseMs: 1000, capMs: 10_000, maxAttempts: 2 } };
    await deliverDue(ports, ports.clock.now(), send, policy);
    ports.clock.advance(60_000);
    await deliverDue(ports, ports.clock.now(), send, policy);
    const tried = (result: string) => ports.metrics.counted('Deliveries', { result });
    expect([tried('retrying'), tried('failed'), tried('delivered')]).toEqual([1, 1, 0]);
    // Another enterprise's pair is not held by the parked one, and goes through once the hook answers.
    up = true;
    ports.metrics.clear();
    await relayOutboxEvent(ports, lifeOf(FOREIGN, true)[0]!, facts);
    await deliverDue(ports, ports.clock.now(), send, policy);
    expect([tried('retrying'), tried('failed'), tried('delivered')]).toEqual([0, 0, 1]);
  });
});
