import { describe, expect, it } from 'vitest';
import { parseDuration } from '#domain/legal-time';
import { MAX_GENERATION_MS, MAX_WAIT_MS, planWake, reservationExpiry } from '#domain/reservation';

const now = new Date('2026-11-22T02:00:00Z');
const periods = { standard: parseDuration('P2M'), preApproval: parseDuration('P1Y') };

describe('reservationExpiry', () => {
  it('is two months, or one year with a pre-approval', () => {
    expect(reservationExpiry(now, false, periods).toISOString()).toBe('2027-01-22T16:00:00.000Z');
    expect(reservationExpiry(now, true, periods).toISOString()).toBe('2027-11-22T16:00:00.000Z');
  });
});

describe('planWake', () => {
  const reserved = (expiresAt: Date, extra: { remindedAt?: string } = {}) => ({
    status: 'reserved' as const,
    reservedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ...extra,
  });

  it('ends when the reservation is gone, released or consumed', () => {
    expect(planWake(undefined, now, now)).toEqual({ action: 'end', reason: 'no such reservation' });
    expect(planWake({ ...reserved(now), status: 'released' }, now, now)).toMatchObject({
      action: 'end',
    });
    expect(planWake({ ...reserved(now), status: 'consumed' }, now, now)).toMatchObject({
      action: 'end',
    });
  });

  it('expires at the deadline, not a moment before', () => {
    expect(planWake(reserved(now), now, now)).toEqual({ action: 'expire' });
    const soon = new Date(now.getTime() + 1);
    expect(planWake(reserved(soon), now, now)).toEqual({ action: 'wait', wakeAt: soon.toISOString() });
  });

  it('waits at most 20 days at a time (below the 24.8-day timer limit)', () => {
    const twoMonths = reservationExpiry(now, false, periods);
    const plan = planWake(reserved(twoMonths), now, now);
    expect(plan).toEqual({ action: 'wait', wakeAt: new Date(now.getTime() + MAX_WAIT_MS).toISOString() });
    expect(MAX_WAIT_MS).toBeLessThan(2 ** 31 - 1);
  });

  it('continues as a new execution before the one-year limit of a Standard execution', () => {
    const oneYear = reservationExpiry(now, true, periods);
    const late = new Date(now.getTime() + MAX_GENERATION_MS);
    expect(planWake(reserved(oneYear), late, now)).toEqual({ action: 'continue' });
    expect(planWake(reserved(oneYear), new Date(late.getTime() - 1), now)).toMatchObject({ action: 'wait' });
  });

  describe('the reminder 14 days before expiry', () => {
    const lead = 14 * 86_400_000;
    const expiresAt = reservationExpiry(now, false, periods);
    const reminderAt = new Date(expiresAt.getTime() - lead);

    it('wakes for it when it is the next thing to happen', () => {
      const late = new Date(reminderAt.getTime() - 86_400_000);
      expect(planWake(reserved(expiresAt), late, late, lead)).toEqual({
        action: 'wait',
        wakeAt: reminderAt.toISOString(),
      });
    });

    it('reminds once at the moment, then waits for expiry', () => {
      expect(planWake(reserved(expiresAt), reminderAt, now, lead)).toEqual({ action: 'remind' });
      const reminded = reserved(expiresAt, { remindedAt: reminderAt.toISOString() });
      expect(planWake(reminded, reminderAt, reminderAt, lead)).toEqual({
        action: 'wait',
        wakeAt: expiresAt.toISOString(),
      });
    });

    it('does not remind a reservation shorter than the lead', () => {
      const soon = new Date(now.getTime() + 60_000);
      expect(planWake(reserved(soon), now, now, lead)).toEqual({
        action: 'wait',
        wakeAt: soon.toISOString(),
      });
    });
  });
});
