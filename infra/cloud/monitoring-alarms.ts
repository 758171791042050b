/**
 * What pages a person, and how long it must last first (docs/operators.md, "Alarms", says what to do for
 * each). A retried transient error pages nobody: what the platform cures by itself (a task retried, a
 * delivery backed off, a start swept up, an SDK call retried after a throttle) alarms only when it lasts
 * over several periods, as a rate or a gauge. What no retry cures alarms at once: an execution that
 * failed or timed out (its retries are already spent inside it), a message in a dead-letter queue.
 */
import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import {
  type CounterName,
  type GaugeName,
  METRIC_NAMESPACE,
  METRIC_SERVICE_DIMENSION,
} from '#contract/metrics';

export interface AlarmPolicy {
  /** Alarm at or above this value. */
  threshold: number;
  period: Duration;
  /** Of the last `evaluationPeriods` periods, `datapointsToAlarm` must breach. */
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

const policy = (
  threshold: number,
  minutes: number,
  evaluationPeriods = 1,
  datapointsToAlarm = evaluationPeriods,
) => ({
  threshold,
  period: Duration.minutes(minutes),
  evaluationPeriods,
  datapointsToAlarm,
});

/** Every alarm's rule, by what it watches. */
export const ALARM_POLICY = {
  /** A failed or timed-out execution: its case stopped and waits for an operator. At once. */
  executionFailed: policy(1, 5),
  /** Step Functions throttled state transitions of the registry's machines for 15 minutes on end. */
  executionsThrottled: policy(1, 5, 3),
  /** 1 % of API requests answered 5xx, three five-minute periods running (bad input never is a 5xx). */
  apiServerErrorRate: policy(1, 5, 3),
  /** A group's functions throttled in three five-minute periods running: concurrency, not a spike. */
  lambdaThrottles: policy(1, 5, 3),
  /** 10 throttled requests on the table or an index in each of three five-minute periods. */
  dynamoDbThrottles: policy(10, 5, 3),
  /** 10 % of a function's invocations failed, three five-minute periods running. */
  functionErrorRate: policy(10, 5, 3),
  /** A message in a dead-letter queue: its retries are spent. At once. */
  deadLetters: policy(1, 5),
  /** An examiner's or applicant's task past its deadline, for 15 minutes. */
  overdueHumanTasks: policy(1, 5, 3),
  /** An event a department has not acknowledged for a day, for 15 minutes. */
  oldestUndeliveredEvent: policy(86_400, 5, 3),
  /** A delivery parked as failed (its retries spent), for 15 minutes: an operator redrives or skips it. */
  parkedDeliveries: policy(1, 5, 3),
  /** Three sweeps running (every five minutes) could not start an owed workflow. */
  orphansUnstarted: policy(1, 5, 3),
  /** Orphaned cases found in three of four quarter hours: starts keep failing on the request path. */
  orphansFound: policy(1, 15, 4, 3),
  /** Next year's holiday calendar missing within 30 days of year end (hourly: it changes with a deploy). */
  calendarYearMissing: policy(1, 60),
  /** A review deadline was counted past the last calendar (the log line `holiday calendar missing`). */
  calendarMissingInUse: policy(1, 60),
} as const satisfies Record<string, AlarmPolicy>;

/** The alarms on the registry's own gauges and counters (functions/app/ops/gauges.ts publishes them). */
export const OPERATOR_ALARMS: readonly {
  id: string;
  metric: CounterName | GaugeName;
  statistic: 'Sum' | 'Maximum';
  rule: AlarmPolicy;
  description: string;
}[] = [
  {
    id: 'OverdueHumanTasks',
    metric: 'OverdueHumanTasks',
    statistic: 'Maximum',
    rule: ALARM_POLICY.overdueHumanTasks,
    description: 'A review or supplement is past its deadline: reassign or follow it up',
  },
  {
    id: 'OldestUndeliveredEvent',
    metric: 'OldestUndeliveredEventAge',
    statistic: 'Maximum',
    rule: ALARM_POLICY.oldestUndeliveredEvent,
    description: 'A department has not acknowledged an event for a day',
  },
  {
    id: 'ParkedDeliveries',
    metric: 'ParkedDeliveries',
    statistic: 'Maximum',
    rule: ALARM_POLICY.parkedDeliveries,
    description: 'A delivery is parked as failed: redrive or skip it',
  },
  {
    id: 'OrphanedCasesUnstarted',
    metric: 'OrphanedCasesUnstarted',
    statistic: 'Sum',
    rule: ALARM_POLICY.orphansUnstarted,
    description: 'Three sweeps running could not start a workflow a committed case is owed',
  },
  {
    id: 'OrphanedCasesFound',
    metric: 'OrphanedCasesStarted',
    statistic: 'Sum',
    rule: ALARM_POLICY.orphansFound,
    description:
      'Cases keep losing their workflow start (the sweep started them): starts fail on the request path',
  },
  {
    id: 'HolidayCalendarYearMissing',
    metric: 'HolidayCalendarYearsMissing',
    statistic: 'Maximum',
    rule: ALARM_POLICY.calendarYearMissing,
    description: 'A year beginning within 30 days has no holiday calendar in seeds/calendar/: add the notice',
  },
];

/** A CloudWatch alarm's math expression reads at most 10 metrics. */
export const MAX_METRICS_PER_ALARM = 10;

/** Makes alarms that notify the alarm topic, with the policy's threshold and window. */
export class Pager {
  readonly alarms: Alarm[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly action: SnsAction,
  ) {}

  page(id: string, metric: IMetric, rule: AlarmPolicy, description: string): Alarm {
    const alarm = new Alarm(this.scope, id, {
      metric,
      threshold: rule.threshold,
      evaluationPeriods: rule.evaluationPeriods,
      datapointsToAlarm: rule.datapointsToAlarm,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data is no trouble: no traffic, no throttles, no executions (docs/operators.md).
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

/** The registry's own counter or gauge (contract/metrics.ts), with the `service` dimension Powertools adds. */
export function registryMetric(
  name: CounterName | GaugeName,
  statistic: 'Sum' | 'Maximum',
  period: Duration,
  extraDimensions: Record<string, string> = {},
): Metric {
  return new Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: { ...METRIC_SERVICE_DIMENSION, ...extraDimensions },
    statistic,
    period,
  });
}

/** The sum of up to ten metrics, a missing point counted as zero (a function not invoked has none). */
export function sumOf(metrics: readonly IMetric[], period: Duration, label: string): MathExpression {
  if (metrics.length === 0 || metrics.length > MAX_METRICS_PER_ALARM)
    throw new Error(`${label}: an alarm sums 1 to ${MAX_METRICS_PER_ALARM} metrics, not ${metrics.length}`);
  const names = metrics.map((_, i) => `m${i}`);
  return new MathExpression({
    expression: names.map((n) => `FILL(${n}, 0)`).join(' + '),
    usingMetrics: Object.fromEntries(names.map((n, i) => [n, metrics[i]!])),
    period,
    label,
  });
}

/** `part` as a percentage of `whole`, zero where there was nothing to count. */
export function percentOf(part: IMetric, whole: IMetric, period: Duration, label: string): MathExpression {
  return new MathExpression({
    expression: 'IF(whole > 0, 100 * FILL(part, 0) / whole, 0)',
    usingMetrics: { part, whole },
    period,
    label,
  });
}

/** `items` in runs of at most `size`. */
export function chunks<T>(items: readonly T[], size = MAX_METRICS_PER_ALARM): T[][] {
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}
