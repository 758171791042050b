/**
 * The registry's own metrics, named once: the use cases publish them through the metrics port
 * (functions/ports/metrics.ts), in the cloud as CloudWatch embedded metric format, and the monitoring
 * stack draws and alarms on them by these same names and dimensions (infra/cloud/monitoring-*.ts).
 * Every metric also carries the `service` dimension Powertools adds, always SERVICE_NAME.
 */
import { SERVICE_NAME } from './tables.ts';

export const METRIC_NAMESPACE = 'OneStopRegistry';

/** The dimension every metric carries besides its own (Powertools Metrics' default). */
export const METRIC_SERVICE_DIMENSION = { service: SERVICE_NAME } as const;

/**
 * Counters: how many things happened, each with the dimensions it is split by. A task that runs twice
 * (a Step Functions retry) may count twice where the store cannot tell a repeat; the ones that can
 * (a registration registered or rejected) count only the write that moved the case.
 */
export const COUNTERS = {
  /** A registration ended: `outcome` is `registered` (enterprise committed) or `rejected`. */
  Registrations: ['outcome'],
  /** A public name check answered (`POST /v1/names/check`), by `verdict`: available, similar, unavailable. */
  NameChecks: ['verdict'],
  /** The rules' decision on a registration (the Decide task), by `outcome`: approve, review, reject. */
  Decisions: ['outcome'],
  /** Each auto-approval rule a Decide found failing, by `rule` id: why cases go to examiners. */
  DecisionRuleFailures: ['rule'],
  /** One delivery attempt, by `result`: delivered, inbox (kept for pull), retrying, failed (parked). */
  Deliveries: ['result'],
  /** Owed workflow starts a sweep run made: cases whose workflow start was lost, found and started. */
  OrphanedCasesStarted: [],
  /** Owed workflow starts a sweep run could not make: those cases still have no workflow. */
  OrphanedCasesUnstarted: [],
} as const satisfies Record<string, readonly string[]>;

export type CounterName = keyof typeof COUNTERS;

/** The dimensions a counter is published with, by name. */
export type CounterDimensions<N extends CounterName> = { [K in (typeof COUNTERS)[N][number]]: string };

/**
 * Gauges: a reading of a state, published every few minutes by the scheduled ops gauges
 * (functions/app/ops/gauges.ts), with its unit.
 */
export const GAUGES = {
  /** Open human tasks past their deadline (reviews, supplements): each waits for an operator. */
  OverdueHumanTasks: 'Count',
  /** Age of the oldest event a department has not acknowledged. */
  OldestUndeliveredEventAge: 'Seconds',
  /** Deliveries parked as `failed`, each holding its department-and-enterprise pair until redriven. */
  ParkedDeliveries: 'Count',
  /** Years a deadline may soon be counted in that have no holiday calendar in seeds/calendar/. */
  HolidayCalendarYearsMissing: 'Count',
} as const satisfies Record<string, 'Count' | 'Seconds'>;

export type GaugeName = keyof typeof GAUGES;
