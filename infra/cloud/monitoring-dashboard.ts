/**
 * The operators' dashboard, row by row: the alarms' states; each workflow's executions and tasks; the
 * human tasks and what the rules decide; the API; the table; the department push; the background
 * functions, the sweep's orphaned cases and the holiday calendar. The registry's own counters are drawn
 * with SEARCH, so a new dimension value (a rule, a verdict) appears without a change here.
 */
import type { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  type Alarm,
  AlarmStatusWidget,
  GraphWidget,
  type IMetric,
  type IWidget,
  MathExpression,
  Metric,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { type CounterName, METRIC_NAMESPACE, METRIC_SERVICE_DIMENSION } from '#contract/metrics';
import { REGISTRY_TABLE } from '#contract/tables';
import { percentOf, registryMetric } from './monitoring-alarms.ts';
import type { WatchedFunction } from './monitoring-stack.ts';
import type { DeployedWorkflow } from './workflow-stack.ts';

/** Every counter of one name, one line per value of its dimension (a graph may SEARCH; an alarm may not). */
export function counterSearch(name: CounterName, dimension: string, period: Duration): MathExpression {
  const schema = `{${METRIC_NAMESPACE},${[...Object.keys(METRIC_SERVICE_DIMENSION), dimension].join(',')}}`;
  return new MathExpression({
    expression: `SEARCH('${schema} MetricName="${name}"', 'Sum', ${period.toSeconds()})`,
    label: '',
    period,
  });
}

export function header(alarms: readonly Alarm[]): IWidget[] {
  return [
    new TextWidget({
      markdown:
        '# One-stop registry\nAlarms first, then the workflows, the human tasks, the API, the table, the ' +
        'department push and the background functions. What each alarm means and what to do: ' +
        '`docs/operators.md`, section "Alarms". Open an execution in the Step Functions console (or ' +
        '`GET /v1/ops/executions/{id}`) for its states, inputs and errors.',
      width: 24,
      height: 2,
    }),
    new AlarmStatusWidget({
      title: 'Alarms',
      alarms: [...alarms],
      width: 24,
      height: Math.min(12, 2 + Math.ceil(alarms.length / 4)),
    }),
  ];
}

/** One function group's errors and throttles, each function its own line. */
export function functionWidgets(
  group: string,
  functions: readonly WatchedFunction[],
  width: number,
  period: Duration,
): IWidget[] {
  return [
    new GraphWidget({
      title: `${group}: function errors`,
      width,
      left: functions.map(({ name, fn }) => fn.metricErrors({ period, statistic: 'Sum', label: name })),
    }),
    new GraphWidget({
      title: `${group}: function throttles`,
      width,
      left: functions.map(({ name, fn }) => fn.metricThrottles({ period, statistic: 'Sum', label: name })),
    }),
  ];
}

export function workflowWidgets({ workflow, stateMachine }: DeployedWorkflow, period: Duration): IWidget {
  const sum = { period, statistic: 'Sum' };
  return new GraphWidget({
    title: `${workflow.name}: executions`,
    width: 8,
    left: [
      stateMachine.metricStarted(sum),
      stateMachine.metricSucceeded(sum),
      stateMachine.metricFailed(sum),
      stateMachine.metricTimedOut(sum),
      stateMachine.metricAborted(sum),
      stateMachine.metricThrottled({ ...sum, label: 'Throttled transitions' }),
    ],
  });
}

export function humanTaskWidgets(period: Duration): IWidget[] {
  return [
    new GraphWidget({
      title: 'Human tasks: overdue (reviews and supplements past their deadline)',
      width: 6,
      left: [registryMetric('OverdueHumanTasks', 'Maximum', period)],
    }),
    new GraphWidget({
      title: 'Decide: outcomes (approve, review, reject)',
      width: 6,
      left: [counterSearch('Decisions', 'outcome', period)],
    }),
    new GraphWidget({
      title: 'Decide: failed rules (why cases go to examiners)',
      width: 6,
      left: [counterSearch('DecisionRuleFailures', 'rule', period)],
    }),
    new GraphWidget({
      title: 'Registrations (registered, rejected) and name checks',
      width: 6,
      left: [counterSearch('Registrations', 'outcome', period)],
      right: [counterSearch('NameChecks', 'verdict', period)],
    }),
  ];
}

export function apiWidgets(api: HttpApi, period: Duration): IWidget[] {
  const errors = api.metricServerError({ period, statistic: 'Sum' });
  return [
    new GraphWidget({
      title: 'API: errors',
      width: 8,
      left: [api.metricClientError({ period, statistic: 'Sum' }), errors],
    }),
    new GraphWidget({
      title: 'API: 5xx rate (%)',
      width: 8,
      left: [percentOf(errors, api.metricCount({ period, statistic: 'Sum' }), period, '5xx %')],
    }),
    new GraphWidget({
      title: 'API: latency (p50, p99)',
      width: 8,
      left: [
        api.metricLatency({ period, statistic: 'p50' }),
        api.metricLatency({ period, statistic: 'p99' }),
      ],
    }),
  ];
}

/** The registry table's metrics, and each global index's: `AWS/DynamoDB` by TableName (and index). */
export function tableMetric(tableName: string, metricName: string, period: Duration, indexName?: string) {
  return new Metric({
    namespace: 'AWS/DynamoDB',
    metricName,
    dimensionsMap: { TableName: tableName, ...(indexName ? { GlobalSecondaryIndexName: indexName } : {}) },
    statistic: 'Sum',
    period,
    label: `${metricName}${indexName ? ` (${indexName})` : ''}`,
  });
}

/** Read and write throttle events of the table and of each of its global indexes. */
export function tableThrottleMetrics(tableName: string, period: Duration): Metric[] {
  const indexes = [undefined, ...REGISTRY_TABLE.globalIndexes.map((i) => i.indexName)];
  return indexes.flatMap((index) =>
    ['ReadThrottleEvents', 'WriteThrottleEvents'].map((m) => tableMetric(tableName, m, period, index)),
  );
}

export function tableWidgets(tableName: string, period: Duration): IWidget[] {
  return [
    new GraphWidget({
      title: 'DynamoDB: consumed capacity',
      width: 12,
      left: [
        tableMetric(tableName, 'ConsumedReadCapacityUnits', period),
        tableMetric(tableName, 'ConsumedWriteCapacityUnits', period),
      ],
    }),
    new GraphWidget({
      title: 'DynamoDB: throttled reads and writes (table and indexes)',
      width: 12,
      left: tableThrottleMetrics(tableName, period),
    }),
  ];
}

export function deliveryWidgets(
  deadLetters: readonly { name: string; queue: IQueue }[],
  period: Duration,
): IWidget[] {
  return [
    new GraphWidget({
      title: 'Deliveries: attempts by result',
      width: 6,
      left: [counterSearch('Deliveries', 'result', period)],
    }),
    new GraphWidget({
      title: 'Deliveries: oldest unacknowledged event (s)',
      width: 6,
      left: [registryMetric('OldestUndeliveredEventAge', 'Maximum', period)],
    }),
    new GraphWidget({
      title: 'Deliveries: parked as failed',
      width: 6,
      left: [registryMetric('ParkedDeliveries', 'Maximum', period)],
    }),
    new GraphWidget({
      title: 'Dead-letter queues: messages',
      width: 6,
      left: deadLetters.map(({ name, queue }) =>
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: name }),
      ),
    }),
  ];
}

export function sweepAndCalendarWidgets(calendarInUse: IMetric, period: Duration): IWidget[] {
  return [
    new GraphWidget({
      title: 'Orphaned cases: started by the sweep, still unstarted',
      width: 12,
      left: [
        registryMetric('OrphanedCasesStarted', 'Sum', period),
        registryMetric('OrphanedCasesUnstarted', 'Sum', period),
      ],
    }),
    new GraphWidget({
      title: 'Holiday calendar: years missing ahead, deadlines counted without one',
      width: 12,
      left: [registryMetric('HolidayCalendarYearsMissing', 'Maximum', period), calendarInUse],
    }),
  ];
}
