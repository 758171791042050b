/**
 * Legal time. Days are counted in China Standard Time (UTC+8, no daylight saving); a period given in
 * years, months or days ends at 24:00 Beijing time of its last day. A period with a time part
 * (`PT30S`) is an exact span: the local runtime uses those to shorten legal periods for demos and tests.
 */
const CST_OFFSET_MS = 8 * 3600_000;

export interface Duration {
  years: number;
  months: number;
  days: number;
  /** The time part in milliseconds (hours, minutes, seconds). */
  timeMs: number;
}

const ISO_DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses an ISO 8601 duration (`P2M`, `P20D`, `P1Y`, `PT2S`); throws a RangeError naming the input otherwise. */
export function parseDuration(text: string): Duration {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new RangeError(`'${text}' is not an ISO 8601 duration`);
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    years: n(1),
    months: n(2),
    days: n(3) * 7 + n(4),
    timeMs: Math.round((n(5) * 3600 + n(6) * 60 + n(7)) * 1000),
  };
}

/** The calendar date (YYYY-MM-DD) in Beijing of an instant. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 24:00 Beijing time of a calendar date, as an instant. */
export function endOfCstDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - CST_OFFSET_MS);
}

/** Adds calendar months to a date, keeping the day or, past a short month's end, its last day. */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * The end of a period that starts at `start`. Calendar parts count from the Beijing date of `start`
 * and end at 24:00 of the last day (two months from 22 November end at 24:00 on 22 January); a pure
 * time part is added exactly.
 */
export function periodEnd(start: Date, duration: Duration): Date {
  const calendar = duration.years || duration.months || duration.days;
  if (!calendar) return new Date(start.getTime() + duration.timeMs);
  const months = addMonths(cstDate(start), duration.years * 12 + duration.months);
  const [y, m, d] = months.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1, d + duration.days)).toISOString().slice(0, 10);
  return new Date(endOfCstDay(last).getTime() + duration.timeMs);
}

/** RFC 3339 with the Beijing offset, the form every legal date in the API takes. */
export function toCstIso(instant: Date): string {
  return `${new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * A duration as an exact span, for timers and leads: days and time only, since a month or a year has no
 * fixed length. `what` names the setting in the error.
 */
export function exactSpanMs(duration: Duration, what: string): number {
  if (duration.years || duration.months)
    throw new RangeError(`${what} must be in days or time, not months or years`);
  return duration.days * 86_400_000 + duration.timeMs;
}
