/**
 * The delivery policy. A failed delivery waits with exponential backoff and full jitter (the wait is
 * drawn uniformly from zero to min(cap, base·2^(attempt-1)), so retries of many deliveries spread out
 * instead of hammering a department that comes back), and parks as `failed` for an operator after the
 * last attempt. A parked delivery holds its own department-and-enterprise pair only.
 *
 * A webhook failing for a long stretch is disabled: `failing` from its first failure after a success,
 * `disabled` once failures have run on without a single success for `disableAfterMs` and at least
 * `disableAfterFailures` attempts (so two failures days apart on a quiet endpoint do not disable it).
 * A disabled webhook receives nothing until the department registers it again; its events stay in the
 * inbox for pull. Clock and randomness come in as arguments: the domain reads neither.
 */

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  /** Attempts in all, the first included; after the last failure the delivery parks. */
  maxAttempts: number;
}

/**
 * Retries span about 18 hours at most before a delivery parks (about half that on average, with full
 * jitter): a department down overnight catches up by itself in the morning.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, capMs: 3_600_000, maxAttempts: 30 };

/** The wait after failed attempt number `attempt` (1 for the first): full jitter, `random` in [0, 1). */
export function backoffMs(attempt: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt counts from 1, got ${attempt}`);
  // 2^(attempt-1) overflows nothing useful past 2^52: the cap has long taken over by then.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt - 1, 52));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * ceiling);
}

/** When to try again after failed attempt number `attempt`. */
export function nextAttemptAt(
  attempt: number,
  now: Date,
  random: () => number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Date {
  return new Date(now.getTime() + backoffMs(attempt, random, policy));
}

/**
 * A seeded generator in [0, 1) (mulberry32) for the jitter: tests and the department simulator repeat a
 * run exactly; the relay may pass `Math.random` instead.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether a delivery whose attempt number `attempts` just failed parks instead of retrying. */
export const parks = (attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY) =>
  attempts >= policy.maxAttempts;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';

export interface DeliveryState {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  deliveredAt?: string;
  failedAt?: string;
  /** An operator's skip of a parked delivery: when, who (the operator's `sub`) and why. */
  skippedAt?: string;
  skippedBy?: string;
  skipReason?: string;
}

export type AttemptOutcome = { ok: true } | { ok: false; error: string };

/** A delivery's state after one attempt: delivered, pending again with its next time, or parked. */
export function afterAttempt(
  state: DeliveryState,
  outcome: AttemptOutcome,
  now: Date,
  random: () => number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): DeliveryState {
  const attempts = state.attempts + 1;
  if (outcome.ok) return { status: 'delivered', attempts, deliveredAt: now.toISOString() };
  if (parks(attempts, policy))
    return { status: 'failed', attempts, lastError: outcome.error, failedAt: now.toISOString() };
  return {
    status: 'pending',
    attempts,
    lastError: outcome.error,
    nextAttemptAt: nextAttemptAt(attempts, now, random, policy).toISOString(),
  };
}

/** An operator's redrive: the parked delivery starts over with a fresh count, due at once. */
export function redriven(state: DeliveryState, now: Date): DeliveryState {
  if (state.status !== 'failed')
    throw new RangeError(`only a failed delivery is redriven, not ${state.status}`);
  return {
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    lastError: state.lastError ?? '',
  };
}

/**
 * An operator's skip: the parked delivery is given up (its event stays in the department's inbox for
 * pull) and its pair moves on. What failed, and when, stays on record beside who skipped it and why.
 */
export function skipped(state: DeliveryState, by: string, reason: string, now: Date): DeliveryState {
  if (state.status !== 'failed')
    throw new RangeError(`only a failed delivery is skipped, not ${state.status}`);
  return {
    status: 'skipped',
    attempts: state.attempts,
    ...(state.lastError !== undefined ? { lastError: state.lastError } : {}),
    ...(state.failedAt !== undefined ? { failedAt: state.failedAt } : {}),
    skippedAt: now.toISOString(),
    skippedBy: by,
    skipReason: reason,
  };
}

export type WebhookStatus = 'active' | 'failing' | 'disabled';

export interface WebhookHealth {
  status: WebhookStatus;
  /** Since when it is in this status. */
  since: string;
  /** Why it is failing or disabled (the last error, and for disabled the stretch). */
  why?: string;
  consecutiveFailures: number;
}

export interface WebhookPolicy {
  disableAfterMs: number;
  disableAfterFailures: number;
}

/** Five days of nothing but failures, as the common webhook services do, and at least 20 attempts. */
export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = {
  disableAfterMs: 5 * 86_400_000,
  disableAfterFailures: 20,
};

export const activeWebhook = (now: Date): WebhookHealth => ({
  status: 'active',
  since: now.toISOString(),
  consecutiveFailures: 0,
});

/** The webhook's health after one delivery attempt to it. A disabled webhook stays disabled. */
export function webhookAfterAttempt(
  health: WebhookHealth,
  outcome: AttemptOutcome,
  now: Date,
  policy: WebhookPolicy = DEFAULT_WEBHOOK_POLICY,
): WebhookHealth {
  if (health.status === 'disabled') return health;
  if (outcome.ok) return health.status === 'active' ? health : activeWebhook(now);
  const consecutiveFailures = health.consecutiveFailures + 1;
  if (health.status === 'active')
    return { status: 'failing', since: now.toISOString(), why: outcome.error, consecutiveFailures };
  const stretchMs = now.getTime() - Date.parse(health.since);
  if (stretchMs >= policy.disableAfterMs && consecutiveFailures >= policy.disableAfterFailures)
    return {
      status: 'disabled',
      since: now.toISOString(),
      why: `${consecutiveFailures} consecutive failed deliveries since ${health.since}, none succeeded; last: ${outcome.error}`,
      consecutiveFailures,
    };
  return { ...health, why: outcome.error, consecutiveFailures };
}

/** Whether deliveries are pushed to the webhook at all (pull keeps working either way). */
export const pushesTo = (health: WebhookHealth) => health.status !== 'disabled';
