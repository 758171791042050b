import { addWorkingDays } from '#domain/working-days';

/**
 * Seconds until an examiner's deadline: whole days of REVIEW_TIMEOUT are working days on the holiday
 * calendar (P3D: three working days), a time part is exact (tests shorten it so).
 */
export function reviewTimeoutSeconds(now: Date, period: { days: number; timeMs: number }): number {
  const deadline =
    period.days > 0 ? addWorkingDays(now, period.days).getTime() : now.getTime() + period.timeMs;
  return Math.max(1, Math.round((deadline - now.getTime()) / 1000));
}
