import { type Duration, exactSpanMs } from '../legal-time.ts';
import { addWorkingDays } from '../working-days.ts';

/**
 * Seconds until an examiner's deadline: whole days of REVIEW_TIMEOUT are working days on the holiday
 * calendar (P3D: three working days), a time part is exact (tests shorten it so).
 */
export function reviewTimeoutSeconds(now: Date, period: Pick<Duration, 'days' | 'timeMs'>): number {
  const deadline =
    period.days > 0 ? addWorkingDays(now, period.days).getTime() : now.getTime() + period.timeMs;
  return Math.max(1, Math.round((deadline - now.getTime()) / 1000));
}

/** Seconds an applicant has to supplement materials (SUPPLEMENT_TIMEOUT, calendar days). */
export function supplementTimeoutSeconds(period: Duration): number {
  return Math.max(1, Math.round(exactSpanMs(period, 'SUPPLEMENT_TIMEOUT') / 1000));
}
