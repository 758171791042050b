/**
 * The delivery worker: the due heads of their (department, enterprise) pairs, each sent to its
 * department's webhook with the Standard Webhooks headers and the detached JWS. A success settles the
 * delivery and makes the pair's next one due; a failure waits with backoff and jitter, then parks as
 * `failed`, holding its own pair (and no other) until an operator redrives it. A department with no
 * webhook, or a disabled one, keeps its events in the inbox for pull. Pairs run side by side.
 */
import { webhookRequest } from '#domain/push/events';
import {
  type AttemptOutcome,
  afterAttempt,
  DEFAULT_RETRY_POLICY,
  pushesTo,
  type RetryPolicy,
  webhookAfterAttempt,
} from '#domain/push/retry';
import { pairKey } from '#domain/push/sequence';
import type { Delivery, Webhook } from '#ports/deliveries';
import type { Ports } from '#ports/ports';
import type { WebhookSender } from '#ports/webhook-sender';

export interface DeliverOptions {
  limit?: number;
  /** Pairs sent to at once. */
  concurrency?: number;
  random?: () => number;
  policy?: RetryPolicy;
}

export interface DeliverReport {
  delivered: number;
  retrying: number;
  parked: number;
  leftInInbox: number;
}

export async function deliverDue(
  ports: Pick<Ports, 'deliveries'>,
  now: Date,
  send: WebhookSender,
  options: DeliverOptions = {},
): Promise<DeliverReport> {
  const { limit = 100, concurrency = 16, random = Math.random, policy = DEFAULT_RETRY_POLICY } = options;
  const due = await ports.deliveries.due(now, limit);
  const byPair = new Map<string, Delivery[]>();
  for (const d of due) {
    const key = pairKey(d.department, d.creditCode);
    byPair.set(key, [...(byPair.get(key) ?? []), d]);
  }
  const report: DeliverReport = { delivered: 0, retrying: 0, parked: 0, leftInInbox: 0 };
  const hooks = new Map<string, Promise<Webhook | undefined>>();
  const hookOf = (department: string) => {
    if (!hooks.has(department)) hooks.set(department, ports.deliveries.webhook(department));
    return hooks.get(department)!;
  };

  const deliverOne = async (d: Delivery): Promise<boolean> => {
    const hook = await hookOf(d.department);
    if (!hook || !pushesTo(hook.health)) {
      await ports.deliveries.settle(d, { status: 'inbox', attempts: d.attempts }, now);
      report.leftInInbox++;
      return true;
    }
    const request = webhookRequest(d, hook.secret, Math.floor(now.getTime() / 1000));
    const answer = await send({ url: hook.url, ...request });
    const outcome: AttemptOutcome = answer.ok ? { ok: true } : { ok: false, error: answer.error };
    const health = webhookAfterAttempt(hook.health, outcome, now);
    if (health !== hook.health) {
      hook.health = health;
      await ports.deliveries.setWebhookHealth(d.department, health);
    }
    const state = afterAttempt({ status: 'pending', attempts: d.attempts }, outcome, now, random, policy);
    if (state.status === 'delivered') {
      await ports.deliveries.settle(d, state, now);
      report.delivered++;
      return true;
    }
    await ports.deliveries.update(d, state);
    if (state.status === 'failed') report.parked++;
    else report.retrying++;
    return false;
  };

  const groups = [...byPair.values()].map((g) => g.sort((a, b) => a.sequence - b.sequence));
  let next = 0;
  const lane = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      // Only a pair's head is due; should two be, they go in order and a failure stops the rest.
      for (const d of group) if (!(await deliverOne(d))) break;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, lane));
  return report;
}
