import { describe, expect, it } from 'vitest';
import { toCstIso } from '#domain/legal-time';
import {
  addWorkingDays,
  HolidayCalendar,
  type HolidayCalendarSeed,
  isWorkingDay,
  loadHolidayCalendar,
  NoHolidayCalendarError,
} from '#domain/working-days';
import cal2025 from '#seeds/calendar/holidays-2025.json' with { type: 'json' };
import cal2026 from '#seeds/calendar/holidays-2026.json' with { type: 'json' };
import cal2027 from '#seeds/calendar/holidays-2027.json' with { type: 'json' };

/** A Beijing wall-clock time as an instant. */
const cst = (local: string) => new Date(`${local}+08:00`);
const deadline = (local: string, days: number) => toCstIso(addWorkingDays(cst(local), days));

describe('isWorkingDay around the Spring Festival', () => {
  it.each([
    ['2026-02-13', true, 'Friday before the holiday'],
    ['2026-02-14', true, 'make-up Saturday (调休上班)'],
    ['2026-02-15', false, 'first day of the holiday, a Sunday'],
    ['2026-02-16', false, 'New Year’s Eve, a Monday'],
    ['2026-02-21', false, 'a Saturday inside the holiday'],
    ['2026-02-23', false, 'last day, a Monday'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'second make-up Saturday'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    ['2025-01-26', true, 'make-up Sunday of 2025'],
    ['2025-01-28', false, 'New Year’s Eve 2025'],
    ['2025-02-04', false, 'last day 2025'],
    ['2025-02-08', true, 'make-up Saturday of 2025'],
  ])('%s is %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('isWorkingDay around National Day', () => {
  it.each([
    ['2026-09-20', true, 'make-up Sunday'],
    ['2026-09-25', false, 'Mid-Autumn, a Friday'],
    ['2026-09-30', true, 'the eve'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'last day, a Wednesday'],
    ['2026-10-08', true, 'back to work'],
    ['2026-10-10', true, 'make-up Saturday'],
    ['2026-10-11', false, 'an ordinary Sunday'],
    ['2025-09-28', true, 'make-up Sunday of 2025'],
    ['2025-10-06', false, 'Mid-Autumn 2025 inside the joint holiday'],
    ['2025-10-08', false, 'eighth day of the joint 2025 holiday'],
    ['2025-10-11', true, 'make-up Saturday of 2025'],
  ])('%s is %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('the holiday notices as data', () => {
  const workingDaysIn = (year: number) => {
    let n = 0;
    for (
      let d = new Date(Date.UTC(year, 0, 1));
      d.getUTCFullYear() === year;
      d.setUTCDate(d.getUTCDate() + 1)
    )
      if (isWorkingDay(d.toISOString().slice(0, 10))) n++;
    return n;
  };
  const daysOff = (seed: HolidayCalendarSeed) =>
    seed.holidays.reduce((n, h) => n + (Date.parse(h.to) - Date.parse(h.from)) / 86_400_000 + 1, 0);

  it('give the holiday lengths the notices announce', () => {
    expect(daysOff(cal2025)).toBe(1 + 8 + 3 + 5 + 3 + 8);
    expect(daysOff(cal2026)).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(cal2025.workdays).toHaveLength(5);
    expect(cal2026.workdays).toHaveLength(6);
  });

  it('count 248 working days in 2025 and in 2026', () => {
    expect(workingDaysIn(2025)).toBe(248);
    expect(workingDaysIn(2026)).toBe(248);
  });

  it('mark 2027 provisional: the 13 statutory days only, no make-up days', () => {
    const calendar = loadHolidayCalendar();
    expect(calendar.isProvisional(2027)).toBe(true);
    expect(calendar.isProvisional(2026)).toBe(false);
    expect(daysOff(cal2027)).toBe(13);
    expect(cal2027.workdays).toEqual([]);
    expect(isWorkingDay('2027-02-05')).toBe(false); // 除夕, a Friday
    expect(isWorkingDay('2027-02-08')).toBe(false); // 初三, a Monday
    expect(isWorkingDay('2027-02-09')).toBe(true);
  });

  it('name every seed version', () => {
    expect(loadHolidayCalendar().version).toBe(
      `holidays-2025@${cal2025.version}+holidays-2026@${cal2026.version}+holidays-2027@${cal2027.version}`,
    );
  });

  it('throw a clear error for a year with no calendar', () => {
    expect(() => isWorkingDay('2028-01-03')).toThrow(NoHolidayCalendarError);
    expect(() => isWorkingDay('2024-12-31')).toThrow(/no holiday calendar for 2024/);
  });

  it('refuse a make-up day on a weekday, a day both off and on, and a year twice', () => {
    const seed = (changes: Partial<HolidayCalendarSeed>): HolidayCalendarSeed => ({ ...cal2026, ...changes });
    expect(() => new HolidayCalendar([seed({ workdays: [{ date: '2026-02-13', for: 'x' }] })])).toThrow(
      /no weekend day/,
    );
    expect(() => new HolidayCalendar([seed({ workdays: [{ date: '2026-02-21', for: 'x' }] })])).toThrow(
      /both a holiday and a working day/,
    );
    expect(() => new HolidayCalendar([cal2026, cal2026])).toThrow(/two calendars for 2026/);
    expect(
      () =>
        new HolidayCalendar([
          seed({ holidays: [{ name: 'x', nameEn: 'x', from: '2026-02-30', to: '2026-03-01' }] }),
        ]),
    ).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('ends N working days at 24:00 Beijing time of the Nth working day after the start day', () => {
    expect(deadline('2026-03-09T09:00:00', 3)).toBe('2026-03-13T00:00:00+08:00'); // Mon → Thu 24:00
    expect(addWorkingDays(cst('2026-03-09T09:00:00'), 3).toISOString()).toBe('2026-03-12T16:00:00.000Z');
  });

  it('skips the Spring Festival but counts the make-up Saturday', () => {
    // Fri 13 Feb: Sat 14 (make-up) is the 1st, Tue 24 the 2nd, Wed 25 the 3rd.
    expect(deadline('2026-02-13T10:00:00', 3)).toBe('2026-02-26T00:00:00+08:00');
  });

  it('skips National Day and ends on the make-up Saturday', () => {
    // Wed 30 Sep: Thu 8 Oct, Fri 9 Oct, Sat 10 Oct (make-up).
    expect(deadline('2026-09-30T15:00:00', 3)).toBe('2026-10-11T00:00:00+08:00');
  });

  it('counts from the Beijing date: 17:00 UTC on 13 February is already the 14th in Beijing', () => {
    expect(toCstIso(addWorkingDays(new Date('2026-02-13T17:00:00Z'), 1))).toBe('2026-02-25T00:00:00+08:00');
    expect(toCstIso(addWorkingDays(new Date('2026-02-13T15:59:59Z'), 1))).toBe('2026-02-15T00:00:00+08:00');
  });

  it('starts the count on the next working day when it starts on a day off', () => {
    expect(deadline('2026-03-07T10:00:00', 1)).toBe('2026-03-10T00:00:00+08:00'); // Sat → Mon 24:00
  });

  it('crosses the new year with the next calendar', () => {
    // Wed 31 Dec 2025: 1-3 Jan off, Sun 4 Jan make-up, Mon 5 Jan.
    expect(deadline('2025-12-31T10:00:00', 2)).toBe('2026-01-06T00:00:00+08:00');
  });

  it('counts Monday to Friday past the last calendar, and says which year was missing (clock at 2027-12-28)', () => {
    // Tue 28 Dec 2027 + 5 working days: Wed 29, Thu 30, Fri 31, then 2028 with no calendar: Mon 3, Tue 4 Jan.
    const counted = loadHolidayCalendar().workingDayDeadline(cst('2027-12-28T10:00:00'), 5);
    expect(toCstIso(counted.end)).toBe('2028-01-05T00:00:00+08:00');
    expect(counted.missingYears).toEqual([2028]);
    expect(loadHolidayCalendar().workingDayDeadline(cst('2026-03-09T09:00:00'), 3).missingYears).toEqual([]);
    // The strict question still refuses to guess a year it has no notice for.
    expect(() => loadHolidayCalendar().isWorkingDay('2028-01-03')).toThrow(NoHolidayCalendarError);
  });

  describe('half a working day', () => {
    it('ends at 24:00 the same day when it starts on a working morning', () => {
      expect(deadline('2026-03-09T09:00:00', 0.5)).toBe('2026-03-10T00:00:00+08:00');
      expect(deadline('2026-03-09T11:59:59', 0.5)).toBe('2026-03-10T00:00:00+08:00');
    });

    it('ends at 12:00 of the next working day when it starts at or after noon', () => {
      expect(deadline('2026-03-09T12:00:00', 0.5)).toBe('2026-03-10T12:00:00+08:00');
      expect(deadline('2026-03-13T16:30:00', 0.5)).toBe('2026-03-16T12:00:00+08:00'); // Fri → Mon
      expect(deadline('2026-02-13T14:00:00', 0.5)).toBe('2026-02-14T12:00:00+08:00'); // → make-up Saturday
    });

    it('ends at 12:00 of the next working day when it starts on a day off', () => {
      expect(deadline('2026-03-07T09:00:00', 0.5)).toBe('2026-03-09T12:00:00+08:00'); // Saturday
      expect(deadline('2026-10-01T09:00:00', 0.5)).toBe('2026-10-08T12:00:00+08:00'); // National Day
    });
  });

  it.each([0, -1, 1.5, 0.25, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s days', (days) => {
    expect(() => addWorkingDays(cst('2026-03-09T09:00:00'), days)).toThrow(RangeError);
  });
});
