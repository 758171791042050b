import { describe, expect, it } from 'vitest';
import {
  activeWebhook,
  afterAttempt,
  backoffMs,
  DEFAULT_RETRY_POLICY,
  type DeliveryState,
  nextAttemptAt,
  pushesTo,
  type RetryPolicy,
  redriven,
  seededRandom,
  skipped,
  type WebhookHealth,
  webhookAfterAttempt,
} from '#domain/push/retry';

const policy: RetryPolicy = { baseMs: 100, capMs: 10_000, maxAttempts: 5 };
const NOW = new Date('2026-11-20T02:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('backoff with full jitter', () => {
  it('draws from zero up to base·2^(attempt-1), capped', () => {
    expect(backoffMs(1, () => 0, policy)).toBe(0);
    expect(backoffMs(1, () => 0.999999, policy)).toBe(99);
    expect(backoffMs(4, () => 0.5, policy)).toBe(400);
    expect(backoffMs(8, () => 0.999999, policy)).toBe(9_999);
    expect(backoffMs(1_000, () => 0.999999, policy)).toBe(9_999);
  });

  it('stays within its bounds over many seeded draws, and spreads across them', () => {
    const random = seededRandom(42);
    for (let attempt = 1; attempt <= 30; attempt++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
      const waits = Array.from(
        { length: 200 },
        () => nextAttemptAt(attempt, NOW, random, policy).getTime() - NOW.getTime(),
      );
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...waits)).toBeLessThan(ceiling);
      // Full jitter: the draws cover the range, not one point of it.
      expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(ceiling / 2);
    }
  });

  it('refuses an attempt number below 1, and clamps a random source out of range', () => {
    expect(() => backoffMs(0, Math.random, policy)).toThrow(RangeError);
    expect(backoffMs(2, () => 7, policy)).toBe(200);
  });

  it('repeats a run exactly with the same seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it('gives about 18 hours at most before a delivery parks, by default', () => {
    const worst = Array.from({ length: DEFAULT_RETRY_POLICY.maxAttempts - 1 }, (_, i) =>
      backoffMs(i + 1, () => 0.999999),
    ).reduce((a, b) => a + b, 0);
    expect(worst / 3_600_000).toBeGreaterThan(17);
    expect(worst / 3_600_000).toBeLessThan(19);
  });
});

describe('a delivery', () => {
  const fail = { ok: false as const, error: '503 from tax' };

  it('is pending with its next time after a failure, and parks as failed after the last attempt', () => {
    let state: DeliveryState = { status: 'pending', attempts: 0 };
    for (let i = 1; i < policy.maxAttempts; i++) {
      state = afterAttempt(state, fail, NOW, () => 0.5, policy);
      expect(state).toMatchObject({ status: 'pending', attempts: i, lastError: '503 from tax' });
      expect(Date.parse(state.nextAttemptAt!)).toBeGreaterThanOrEqual(NOW.getTime());
    }
    state = afterAttempt(state, fail, NOW, () => 0.5, policy);
    expect(state).toEqual({
      status: 'failed',
      attempts: 5,
      lastError: '503 from tax',
      failedAt: NOW.toISOString(),
    });
  });

  it('is delivered on success, and a redrive starts a parked one over', () => {
    const ok = afterAttempt({ status: 'pending', attempts: 2 }, { ok: true }, NOW, Math.random, policy);
    expect(ok).toEqual({ status: 'delivered', attempts: 3, deliveredAt: NOW.toISOString() });
    const parked: DeliveryState = { status: 'failed', attempts: 5, lastError: 'x' };
    expect(redriven(parked, NOW)).toMatchObject({
      status: 'pending',
      attempts: 0,
      nextAttemptAt: NOW.toISOString(),
    });
    expect(() => redriven(ok, NOW)).toThrow(RangeError);
  });
});

describe('a webhook’s health', () => {
  const webhookPolicy = { disableAfterMs: 60_000, disableAfterFailures: 3 };
  const fail = (error = 'connection refused') => ({ ok: false as const, error });
  const step = (health: WebhookHealth, ms: number, outcome: { ok: true } | { ok: false; error: string }) =>
    webhookAfterAttempt(health, outcome, later(ms), webhookPolicy);

  it('goes failing at the first failure, and disabled once failures ran on for the stretch', () => {
    let health = activeWebhook(NOW);
    health = step(health, 1_000, fail());
    expect(health).toMatchObject({
      status: 'failing',
      since: later(1_000).toISOString(),
      consecutiveFailures: 1,
    });
    health = step(health, 30_000, fail());
    health = step(health, 59_000, fail());
    expect(health.status).toBe('failing');
    health = step(health, 61_000, fail('HTTP 500'));
    expect(health).toMatchObject({
      status: 'disabled',
      since: later(61_000).toISOString(),
      consecutiveFailures: 4,
    });
    expect(health.why).toContain(later(1_000).toISOString());
    expect(health.why).toContain('HTTP 500');
    expect(pushesTo(health)).toBe(false);
    expect(step(health, 120_000, { ok: true })).toBe(health);
  });

  it('is not disabled by a long stretch of few failures (a quiet endpoint)', () => {
    let health = step(activeWebhook(NOW), 0, fail());
    health = step(health, 3_600_000, fail());
    expect(health).toMatchObject({ status: 'failing', consecutiveFailures: 2 });
  });

  it('is active again after one success, since then', () => {
    const failing = step(activeWebhook(NOW), 0, fail());
    const back = step(failing, 5_000, { ok: true });
    expect(back).toEqual({ status: 'active', since: later(5_000).toISOString(), consecutiveFailures: 0 });
    expect(step(back, 9_000, { ok: true })).toBe(back);
  });
});

describe('skipped', () => {
  it('gives up a parked delivery on record (who, when, why), keeping what failed', () => {
    const failedAt = '2026-11-19T02:00:00.000Z';
    const parked: DeliveryState = { status: 'failed', attempts: 5, lastError: 'HTTP 503', failedAt };
    expect(skipped(parked, 'op-wang', 'registered by hand', NOW)).toEqual({
      status: 'skipped',
      attempts: 5,
      lastError: 'HTTP 503',
      failedAt,
      skippedAt: NOW.toISOString(),
      skippedBy: 'op-wang',
      skipReason: 'registered by hand',
    });
    expect(() => skipped({ status: 'pending', attempts: 1 }, 'op', 'x', NOW)).toThrow(RangeError);
  });
});
