import { describe, expect, it } from 'vitest';
import { cstDate, endOfCstDay, parseDuration, periodEnd, toCstIso } from '#domain/legal-time';

describe('parseDuration', () => {
  it.each([
    ['P2M', { years: 0, months: 2, days: 0, timeMs: 0 }],
    ['P1Y', { years: 1, months: 0, days: 0, timeMs: 0 }],
    ['P20D', { years: 0, months: 0, days: 20, timeMs: 0 }],
    ['P2W', { years: 0, months: 0, days: 14, timeMs: 0 }],
    ['PT3S', { years: 0, months: 0, days: 0, timeMs: 3000 }],
    ['PT1H30M', { years: 0, months: 0, days: 0, timeMs: 5_400_000 }],
  ])('%s', (text, expected) => expect(parseDuration(text)).toEqual(expected));

  it.each(['', 'P', '2M', 'PT', 'P1.5M', 'P-1D'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/not an ISO 8601 duration/);
  });
});

describe('legal periods in Beijing time', () => {
  it('takes the Beijing date of an instant (UTC 17:00 is already the next day in Beijing)', () => {
    expect(cstDate(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23');
    expect(cstDate(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
  });

  it('ends a day at 24:00 Beijing time', () => {
    expect(endOfCstDay('2026-11-22').toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });

  it('ends a two-month reservation at 24:00 on the same day two months on', () => {
    const end = periodEnd(new Date('2026-11-22T02:00:00Z'), parseDuration('P2M'));
    expect(toCstIso(end)).toBe('2027-01-23T00:00:00+08:00');
  });

  it('clamps to the last day of a shorter month', () => {
    const end = periodEnd(new Date('2026-12-31T04:00:00Z'), parseDuration('P2M'));
    expect(cstDate(new Date(end.getTime() - 1))).toBe('2027-02-28');
  });

  it('counts a 20-day announcement from the Beijing date', () => {
    const end = periodEnd(new Date('2026-11-22T20:00:00Z'), parseDuration('P20D')); // already 23 Nov in Beijing
    expect(cstDate(new Date(end.getTime() - 1))).toBe('2026-12-13');
  });

  it('adds a pure time part exactly (shortened periods for demos and tests)', () => {
    const start = new Date('2026-11-22T02:00:00Z');
    expect(periodEnd(start, parseDuration('PT3S')).getTime() - start.getTime()).toBe(3000);
  });
});
