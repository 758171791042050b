/**
 * The operators' gauges: what must page a person even though no single request failed. A scheduled task
 * (functions/tasks/ops-gauges.ts) reads them every few minutes and publishes them through the metrics
 * port; the cloud's alarms watch them (infra/cloud/monitoring-alarms.ts, docs/operators.md).
 *
 * - overdue human tasks, the oldest event a department has not acknowledged and the deliveries parked as
 *   failed: as the operators' overview shows them (./overview.ts), one read of the counters it keeps;
 * - the holiday calendar's missing year: a year that starts within CALENDAR_LOOKAHEAD_DAYS and has no
 *   calendar in seeds/calendar/. The State Council publishes the next year's notice in November or
 *   December; thirty days before the year ends leaves a few weeks to add it before review deadlines
 *   (three working days, or more across a holiday) start running into the new year unseen;
 * - orphaned cases: what each sweep of owed workflow starts found (publishSweepFindings).
 */
import type { GaugeName } from '#contract/metrics';
import type { Caller } from '#domain/caller';
import { cstDate } from '#domain/legal-time';
import { missingCalendarYears } from '#domain/working-days';
import type { Ports } from '#ports/ports';
import type { SweepResult } from '../sweep.ts';
import { opsOverview } from './overview.ts';

/** How far ahead a missing holiday calendar is reported. */
export const CALENDAR_LOOKAHEAD_DAYS = 30;

/** The gauges read as the operators' overview reads them: an operator of the registry's own. */
const GAUGES_CALLER: Caller = { sub: 'ops-gauges', role: 'operator' };

/** What the gauges take from the operators' overview (contract/schemas/ops.ts, OpsOverview). */
export interface OverviewFigures {
  overdueTasks: { count: number };
  deliveries: { failed: number; oldestUnacknowledgedAgeSeconds?: number | undefined };
}

export interface GaugeReport {
  readings: Record<GaugeName, number>;
  /** The years counted in HolidayCalendarYearsMissing, for the log line that names them. */
  calendarMissing: number[];
}

/** The readings, from the overview's figures and the calendar's missing years. */
export function gaugeReadings(
  overview: OverviewFigures,
  calendarMissing: number[],
): Record<GaugeName, number> {
  return {
    OverdueHumanTasks: overview.overdueTasks.count,
    // Nothing unacknowledged is an age of zero, so the alarm always has a reading to judge.
    OldestUndeliveredEventAge: overview.deliveries.oldestUnacknowledgedAgeSeconds ?? 0,
    ParkedDeliveries: overview.deliveries.failed,
    HolidayCalendarYearsMissing: calendarMissing.length,
  };
}

/** Reads every gauge and publishes it. */
export async function publishOpsGauges(
  ports: Pick<Ports, 'executions' | 'humanTasks' | 'deliveries' | 'clock' | 'metrics'>,
): Promise<GaugeReport> {
  const now = ports.clock.now();
  const overview = await opsOverview(ports, GAUGES_CALLER);
  const ahead = new Date(now.getTime() + CALENDAR_LOOKAHEAD_DAYS * 86_400_000);
  const calendarMissing = missingCalendarYears(cstDate(now), cstDate(ahead));
  const readings = gaugeReadings(overview, calendarMissing);
  for (const [name, value] of Object.entries(readings) as [GaugeName, number][])
    ports.metrics.gauge(name, value);
  return { readings, calendarMissing };
}

/**
 * A sweep's findings: cases whose workflow start was lost (a crash or a failed start between the
 * committed write and the start), started now or still not. Published on every run, zero included, so
 * the alarms see each run.
 */
export function publishSweepFindings(ports: Pick<Ports, 'metrics'>, result: SweepResult): void {
  ports.metrics.count('OrphanedCasesStarted', {}, result.started);
  ports.metrics.count('OrphanedCasesUnstarted', {}, result.failed);
}
