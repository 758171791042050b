/**
 * Working days in Beijing, from the State Council's holiday notices kept as data per year in
 * seeds/calendar/: the public holidays, and the weekend days that become working days (调休).
 *
 * Counting (domain.md, Legal time): the start day is not counted (民法典 第二百零一条); a deadline of
 * N working days ends at 24:00 Beijing time of the Nth working day after the start day.
 *
 * Half a working day splits the day at noon, as the one-stop halls promise it (上午受理的当天办结，
 * 下午受理的次日上午办结): started on a working day before 12:00, it ends at 24:00 that day; started at
 * or after 12:00, or on a day off, it ends at 12:00 of the next working day. Only whole days and a
 * single half are supported: no deadline in the rules is one and a half days.
 */
import cal2025 from '#seeds/calendar/holidays-2025.json' with { type: 'json' };
import cal2026 from '#seeds/calendar/holidays-2026.json' with { type: 'json' };
import cal2027 from '#seeds/calendar/holidays-2027.json' with { type: 'json' };
import { cstDate, endOfCstDay } from './legal-time.ts';

export interface HolidayCalendarSeed {
  version: string;
  year: number;
  /** Not yet the published notice: statutory holidays only, to be replaced when it appears. */
  provisional: boolean;
  basis: string;
  holidays: ReadonlyArray<{ name: string; nameEn: string; from: string; to: string }>;
  workdays: ReadonlyArray<{ date: string; for: string }>;
}

/**
 * A date whose year has no calendar: counting on as if it had no holidays would end deadlines early
 * without anyone noticing. Not a DomainError: the caller did nothing wrong, the seed is missing.
 */
export class NoHolidayCalendarError extends Error {
  constructor(readonly year: number) {
    super(
      `no holiday calendar for ${year}: add seeds/calendar/holidays-${year}.json from the State Council's notice`,
    );
    this.name = 'NoHolidayCalendarError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HALF_DAY_MS = 12 * 3600_000;

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function assertDate(date: string, where: string): void {
  if (!ISO_DATE.test(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)
    throw new RangeError(`${where}: '${date}' is not a YYYY-MM-DD date`);
}

export class HolidayCalendar {
  /** Every seed version it was built from, for a decision to record. */
  readonly version: string;
  private readonly years: ReadonlyMap<number, HolidayCalendarSeed>;
  private readonly holidays = new Set<string>();
  private readonly workdays = new Set<string>();

  constructor(seeds: readonly HolidayCalendarSeed[]) {
    const years = new Map<number, HolidayCalendarSeed>();
    for (const seed of seeds) {
      if (years.has(seed.year)) throw new Error(`holiday calendar: two calendars for ${seed.year}`);
      years.set(seed.year, seed);
      for (const h of seed.holidays) {
        assertDate(h.from, `holidays-${seed.year} ${h.name}`);
        assertDate(h.to, `holidays-${seed.year} ${h.name}`);
        if (h.to < h.from) throw new Error(`holidays-${seed.year}: ${h.name} ends before it starts`);
        for (let d = h.from; d <= h.to; d = nextDay(d)) this.holidays.add(d);
      }
      for (const w of seed.workdays) {
        assertDate(w.date, `holidays-${seed.year} make-up day`);
        // A make-up working day exists only to turn a weekend day into a working day.
        const day = weekday(w.date);
        if (day !== 0 && day !== 6) throw new Error(`holidays-${seed.year}: ${w.date} is no weekend day`);
        this.workdays.add(w.date);
      }
    }
    for (const d of this.workdays)
      if (this.holidays.has(d)) throw new Error(`holiday calendar: ${d} is both a holiday and a working day`);
    this.years = years;
    this.version = [...years.values()]
      .sort((a, b) => a.year - b.year)
      .map((s) => `holidays-${s.year}@${s.version}`)
      .join('+');
  }

  /** True for a working day; throws NoHolidayCalendarError for a year with no calendar. */
  isWorkingDay(date: string): boolean {
    assertDate(date, 'isWorkingDay');
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new NoHolidayCalendarError(year);
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }

  /** Whether the year's calendar is provisional (statutory holidays only, the notice not yet out). */
  isProvisional(year: number): boolean {
    const seed = this.years.get(year);
    if (!seed) throw new NoHolidayCalendarError(year);
    return seed.provisional;
  }

  /** The first working day after `date`. */
  nextWorkingDay(date: string): string {
    let d = nextDay(date);
    while (!this.isWorkingDay(d)) d = nextDay(d);
    return d;
  }

  /**
   * The first working day after `date`, counting a year after the last calendar Monday to Friday (its
   * holidays are not known yet): a deadline that runs into it never fails a case. Such a year is added to
   * `missing`, so that the deadline can say so and an operator be told.
   */
  private nextWorkingDayNoting(date: string, missing: Set<number>): string {
    let d = nextDay(date);
    for (;;) {
      const year = Number(d.slice(0, 4));
      if (year > this.lastYear) {
        missing.add(year);
        const day = weekday(d);
        if (day !== 0 && day !== 6) return d;
      } else if (this.isWorkingDay(d)) return d;
      d = nextDay(d);
    }
  }

  /**
   * The years from `from`'s to `to`'s (YYYY-MM-DD, Beijing) that have no calendar: a deadline counted
   * into one of them would be counted Monday to Friday. The operators' gauge looks a few weeks ahead.
   */
  missingYears(from: string, to: string): number[] {
    assertDate(from, 'missingYears');
    assertDate(to, 'missingYears');
    const missing: number[] = [];
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
      if (!this.years.has(year)) missing.push(year);
    return missing;
  }

  private get lastYear(): number {
    return Math.max(...this.years.keys());
  }

  /** The end of a deadline of `days` working days (a positive whole number, or 0.5) from `start`. */
  addWorkingDays(start: Date, days: number): Date {
    return this.workingDayDeadline(start, days).end;
  }

  /** The same, with the years past the last calendar that the count went into (counted Monday to Friday). */
  workingDayDeadline(start: Date, days: number): { end: Date; missingYears: number[] } {
    const missing = new Set<number>();
    const end = this.deadlineNoting(start, days, missing);
    return { end, missingYears: [...missing].sort() };
  }

  private deadlineNoting(start: Date, days: number, missing: Set<number>): Date {
    if (Number.isNaN(start.getTime()))
      throw new RangeError('addWorkingDays: the start is not a valid instant');
    const startDay = cstDate(start);
    if (days === 0.5) {
      const noon = endOfCstDay(startDay).getTime() - HALF_DAY_MS;
      if (this.isWorkingDayNoting(startDay, missing) && start.getTime() < noon) return endOfCstDay(startDay);
      return new Date(endOfCstDay(this.nextWorkingDayNoting(startDay, missing)).getTime() - HALF_DAY_MS);
    }
    if (!Number.isSafeInteger(days) || days < 1)
      throw new RangeError(`addWorkingDays: ${days} is neither a positive whole number of days nor 0.5`);
    let d = startDay;
    for (let n = 0; n < days; n++) d = this.nextWorkingDayNoting(d, missing);
    return endOfCstDay(d);
  }

  private isWorkingDayNoting(date: string, missing: Set<number>): boolean {
    const year = Number(date.slice(0, 4));
    if (year <= this.lastYear) return this.isWorkingDay(date);
    missing.add(year);
    const day = weekday(date);
    return day !== 0 && day !== 6;
  }
}

let loaded: HolidayCalendar | undefined;

/** The calendar of the committed seeds, built on first use and kept for the process. */
export function loadHolidayCalendar(): HolidayCalendar {
  loaded ??= new HolidayCalendar([cal2025, cal2026, cal2027]);
  return loaded;
}

/** True when `date` (YYYY-MM-DD, Beijing) is a working day. */
export function isWorkingDay(date: string): boolean {
  return loadHolidayCalendar().isWorkingDay(date);
}

/** The end of a deadline of `days` working days from `start`, counted in Beijing time (see above). */
export function addWorkingDays(start: Date, days: number): Date {
  return loadHolidayCalendar().addWorkingDays(start, days);
}

/** Years between two Beijing dates with no calendar in the committed seeds (HolidayCalendar.missingYears). */
export function missingCalendarYears(from: string, to: string): number[] {
  return loadHolidayCalendar().missingYears(from, to);
}

/** The same, with the years past the last calendar the count went into (counted Monday to Friday). */
export function workingDayDeadline(start: Date, days: number): { end: Date; missingYears: number[] } {
  return loadHolidayCalendar().workingDayDeadline(start, days);
}
