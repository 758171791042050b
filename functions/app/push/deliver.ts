/**
 * Delivering to the departments: the due head of each (department, enterprise) pair is sent to its
 * department's webhook with the Standard Webhooks headers and the detached JWS. A success settles the
 * delivery and makes the pair's next one due; a failure waits with backoff and jitter, then parks as
 * `failed`, holding its own pair (and no other) until an operator redrives it. A department with no
 * webhook, or a disabled one, keeps its events in the inbox for pull. One attempt (attemptDelivery) is
 * the same step in both runtimes: the local worker (deliverDue) polls the due list and runs pairs side
 * by side; the cloud's queue handler (deliverQueued) gets one pending state per FIFO message, grouped by
 * pair (docs/decisions/0014-department-push.md).
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

/** A department's webhook with its secret unsealed, to sign with: only ever held in memory. */
export interface SigningWebhook extends Omit<Webhook, 'sealedSecret'> {
  secret: string;
}

export type WebhookOf = (department: string) => Promise<SigningWebhook | undefined>;

export interface AttemptOptions {
  random?: () => number;
  policy?: RetryPolicy;
  /** The department's webhook; a worker round reads each once and shares it (default: read it). */
  webhookOf?: WebhookOf;
}

/** Unsealed secrets by their sealed form, kept a while: a re-registered webhook's new secret is a new key. */
export type OpenedSecrets = Map<string, string>;

const OPENED_MAX = 64;

/**
 * Reads a department's webhook and unseals its secret. The secret is unsealed once per sealed value
 * given `opened` (a worker round's, or a warm function's), not once per delivery: in the cloud each
 * unseal is a KMS request.
 */
export function webhookReader(
  ports: Pick<Ports, 'deliveries' | 'sealer'>,
  opened: OpenedSecrets = new Map(),
): WebhookOf {
  return async (department) => {
    const hook = await ports.deliveries.webhook(department);
    if (!hook) return undefined;
    const { sealedSecret, ...rest } = hook;
    if (!pushesTo(hook.health)) return { ...rest, secret: '' };
    let secret = opened.get(sealedSecret);
    if (secret === undefined) {
      secret = await ports.sealer.unseal(sealedSecret);
      if (opened.size >= OPENED_MAX) opened.clear();
      opened.set(sealedSecret, secret);
    }
    return { ...rest, secret };
  };
}

export interface DeliverOptions extends Omit<AttemptOptions, 'webhookOf'> {
  limit?: number;
  /** Pairs sent to at once. */
  concurrency?: number;
}

export interface DeliverReport {
  delivered: number;
  retrying: number;
  parked: number;
  leftInInbox: number;
}

/** What one attempt did: sent, left to pull (no active webhook), to be tried again, or parked as `failed`. */
export type AttemptResult = 'delivered' | 'inbox' | 'retrying' | 'parked';

/**
 * One attempt at a delivery that is its pair's due head: the one step both runtimes run, the local
 * worker (deliverDue) and the cloud's queue handler (deliverQueued). A success or a department without
 * an active webhook settles it and makes the pair's next one due; a failure records the next attempt's
 * time, or parks it after the last. The webhook's health follows every answer.
 */
export async function attemptDelivery(
  ports: Pick<Ports, 'deliveries' | 'sealer' | 'metrics'>,
  d: Delivery,
  now: Date,
  send: WebhookSender,
  options: AttemptOptions = {},
): Promise<AttemptResult> {
  const { random = Math.random, policy = DEFAULT_RETRY_POLICY } = options;
  const hook = await (options.webhookOf ?? webhookReader(ports))(d.department);
  if (!hook || !pushesTo(hook.health)) {
    await ports.deliveries.settle(d, { status: 'inbox', attempts: d.attempts }, now);
    ports.metrics.count('Deliveries', { result: 'inbox' });
    return 'inbox';
  }
  const request = webhookRequest(d, hook.secret, Math.floor(now.getTime() / 1000));
  const answer = await send({ url: hook.url, ...request });
  const outcome: AttemptOutcome = answer.ok ? { ok: true } : { ok: false, error: answer.error };
  const health = webhookAfterAttempt(hook.health, outcome, now);
  if (health !== hook.health) {
    // The shared webhook of a worker round sees the new health at once.
    hook.health = health;
    await ports.deliveries.setWebhookHealth(d.department, health);
  }
  const state = afterAttempt({ status: 'pending', attempts: d.attempts }, outcome, now, random, policy);
  if (state.status === 'delivered') {
    await ports.deliveries.settle(d, state, now);
    ports.metrics.count('Deliveries', { result: 'delivered' });
    return 'delivered';
  }
  await ports.deliveries.update(d, state);
  // A parked delivery is `failed` in the store and to the operators: the metric says the same.
  ports.metrics.count('Deliveries', { result: state.status === 'failed' ? 'failed' : 'retrying' });
  return state.status === 'failed' ? 'parked' : 'retrying';
}

const COUNTED: Record<AttemptResult, keyof DeliverReport> = {
  delivered: 'delivered',
  inbox: 'leftInInbox',
  retrying: 'retrying',
  parked: 'parked',
};

export async function deliverDue(
  ports: Pick<Ports, 'deliveries' | 'sealer' | 'metrics'>,
  now: Date,
  send: WebhookSender,
  options: DeliverOptions = {},
): Promise<DeliverReport> {
  const { limit = 100, concurrency = 16, ...attempt } = options;
  const due = await ports.deliveries.due(now, limit);
  const byPair = new Map<string, Delivery[]>();
  for (const d of due) {
    const key = pairKey(d.department, d.creditCode);
    byPair.set(key, [...(byPair.get(key) ?? []), d]);
  }
  const report: DeliverReport = { delivered: 0, retrying: 0, parked: 0, leftInInbox: 0 };
  // Each department's webhook read, and its secret unsealed, once a round.
  const read = webhookReader(ports);
  const hooks = new Map<string, Promise<SigningWebhook | undefined>>();
  const webhookOf = (department: string) => {
    if (!hooks.has(department)) hooks.set(department, read(department));
    return hooks.get(department)!;
  };

  const groups = [...byPair.values()].map((g) => g.sort((a, b) => a.sequence - b.sequence));
  let next = 0;
  const lane = async () => {
    while (next < groups.length) {
      const group = groups[next++]!;
      // Only a pair's head is due; should two be, they go in order and a failure stops the rest.
      for (const d of group) {
        const result = await attemptDelivery(ports, d, now, send, { ...attempt, webhookOf });
        report[COUNTED[result]]++;
        if (result === 'retrying' || result === 'parked') break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, lane));
  return report;
}

/** A message of the cloud's delivery queue: one pending state of one delivery, by id. */
export interface QueuedDelivery {
  deliveryId: string;
  /** The attempts made when it became pending, and when it is due: together they name that state. */
  attempts: number;
  dueAt: string;
}

/** Clocks of different functions differ a little: a message this close to due is due, not held for a second. */
const CLOCK_SKEW_MS = 1_000;

export type QueuedResult = { status: 'stale' } | { status: 'wait'; dueAt: Date } | { status: AttemptResult };

/**
 * The cloud's step for one queued message. Every write that leaves a delivery pending at its pair's head
 * (the relay, a settle that makes the next one due, a failed attempt, a redrive) puts one message on the
 * queue; a message whose state has moved on since is `stale` and sends nothing (a duplicate, a replay, an
 * attempt already made). One not due yet is to `wait` (its backoff), held back in its FIFO group.
 */
export async function deliverQueued(
  ports: Pick<Ports, 'deliveries' | 'sealer' | 'metrics'>,
  message: QueuedDelivery,
  now: Date,
  send: WebhookSender,
  options: AttemptOptions = {},
): Promise<QueuedResult> {
  const d = await ports.deliveries.pendingHead(message.deliveryId);
  const dueAt = d?.nextAttemptAt ?? d?.sentAt;
  if (!d || d.attempts !== message.attempts || dueAt !== message.dueAt) return { status: 'stale' };
  if (Date.parse(dueAt) > now.getTime() + CLOCK_SKEW_MS) return { status: 'wait', dueAt: new Date(dueAt) };
  return { status: await attemptDelivery(ports, d, now, send, options) };
}
