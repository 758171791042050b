import { type Duration, exactSpanMs } from '../legal-time.ts';
import { workingDayDeadline } from '../working-days.ts';

export interface ReviewDeadline {
  at: Date;
  seconds: number;
  /** Years past the last holiday calendar the count ran into, counted Monday to Friday: an operator adds them. */
  calendarMissing: number[];
}

/**
 * An examiner's deadline: whole days of REVIEW_TIMEOUT are working days on the holiday calendar (P3D:
 * three working days), a time part is exact (tests shorten it so). Past the last calendar year the count
 * goes on Monday to Friday and says so, rather than failing the case.
 */
export function reviewDeadline(now: Date, period: Pick<Duration, 'days' | 'timeMs'>): ReviewDeadline {
  const counted =
    period.days > 0
      ? workingDayDeadline(now, period.days)
      : { end: new Date(now.getTime() + period.timeMs), missingYears: [] };
  const seconds = Math.max(1, Math.round((counted.end.getTime() - now.getTime()) / 1000));
  return { at: new Date(now.getTime() + seconds * 1000), seconds, calendarMissing: counted.missingYears };
}

/** Seconds until an examiner's deadline (see reviewDeadline). */
export function reviewTimeoutSeconds(now: Date, period: Pick<Duration, 'days' | 'timeMs'>): number {
  return reviewDeadline(now, period).seconds;
}

/** Seconds an applicant has to supplement materials (SUPPLEMENT_TIMEOUT, calendar days). */
export function supplementTimeoutSeconds(period: Duration): number {
  return Math.max(1, Math.round(exactSpanMs(period, 'SUPPLEMENT_TIMEOUT') / 1000));
}
