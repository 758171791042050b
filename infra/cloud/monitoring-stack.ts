/**
 * What operators watch in the cloud: one dashboard (monitoring-dashboard.ts) over the workflows, the
 * human tasks, the API, the table, the department push and the background functions; alarms on what
 * needs a person, each by the rule monitoring-alarms.ts gives it (docs/operators.md, "Alarms"); and the
 * scheduled function that publishes the gauges those alarms read (functions/tasks/ops-gauges.ts).
 * An aborted execution is drawn, not alarmed: a withdrawal stops its registration's.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, type IMetric, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { METRIC_NAMESPACE } from '#contract/metrics';
import type { CloudConfig } from './config.ts';
import type { DataRefs } from './grants.ts';
import {
  ALARM_POLICY,
  chunks,
  OPERATOR_ALARMS,
  Pager,
  percentOf,
  registryMetric,
  sumOf,
} from './monitoring-alarms.ts';
import * as board from './monitoring-dashboard.ts';
import { opsGaugesFunction } from './ops-gauges.ts';
import { type DeployedWorkflow, pascal } from './workflow-stack.ts';

export interface WatchedFunction {
  /** A readable name, unique across the app: the route id, or the workflow and task. */
  name: string;
  fn: IFunction;
}

export interface MonitoringStackProps extends StackProps {
  config: CloudConfig;
  data: DataRefs;
  workflowStackName: string;
  api: HttpApi;
  /** Each workflow with its task functions. */
  workflows: readonly DeployedWorkflow[];
  /** The function of every API route. */
  routeFunctions: readonly WatchedFunction[];
  /**
   * Functions no API or execution alarm covers: scheduled (the sweep), or fed by events and queues (the
   * execution index, the push relay and delivery). Their own error rate pages.
   */
  backgroundFunctions: readonly WatchedFunction[];
  /** Dead-letter queues: a message there has spent its retries. */
  deadLetterQueues: readonly { name: string; queue: IQueue }[];
  alarmEmail: string;
}

const PERIOD = Duration.minutes(5);

export class MonitoringStack extends Stack {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  readonly gauges: NodejsFunction;
  private readonly pager: Pager;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);

    // CloudWatch publishes to an encrypted topic only with a key whose policy lets it (not aws/sns).
    const topicKey = new Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the registry alarm topic',
      enableKeyRotation: true,
    });
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'One-stop registry alarms',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.pager = new Pager(this, new SnsAction(this.alarmTopic));

    this.gauges = opsGaugesFunction(this, props);
    const background = [...props.backgroundFunctions, { name: 'OpsGauges', fn: this.gauges }];

    this.workflowAlarms(props.workflows);
    this.apiAlarms(props.api);
    this.throttleAlarms(props, background);
    this.tableAlarms(props.data.tableName);
    this.deliveryAlarms(props.deadLetterQueues);
    this.operatorAlarms();
    const calendarInUse = this.calendarInUseAlarm(props.workflows);
    for (const { name, fn } of background) {
      this.pager.page(
        `${name}ErrorRate`,
        percentOf(
          fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
          fn.metricInvocations({ period: PERIOD, statistic: 'Sum' }),
          PERIOD,
          `${name} errors %`,
        ),
        ALARM_POLICY.functionErrorRate,
        `Function ${name} failed in 10 % or more of its invocations for 15 minutes`,
      );
    }

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${this.stackName}-operations`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(...board.header(this.pager.alarms));
    for (const deployed of props.workflows) {
      const tasks = deployed.tasks.map((fn) => ({ name: fn.node.id, fn }));
      this.dashboard.addWidgets(
        board.workflowWidgets(deployed, PERIOD),
        ...board.functionWidgets(`${deployed.workflow.name} tasks`, tasks, 8, PERIOD),
      );
    }
    this.dashboard.addWidgets(...board.humanTaskWidgets(PERIOD));
    this.dashboard.addWidgets(...board.apiWidgets(props.api, PERIOD));
    this.dashboard.addWidgets(...board.functionWidgets('API routes', props.routeFunctions, 12, PERIOD));
    this.dashboard.addWidgets(...board.tableWidgets(props.data.tableName, PERIOD));
    this.dashboard.addWidgets(...board.deliveryWidgets(props.deadLetterQueues, PERIOD));
    this.dashboard.addWidgets(...board.sweepAndCalendarWidgets(calendarInUse, PERIOD));
    this.dashboard.addWidgets(...board.functionWidgets('Background', background, 12, PERIOD));

    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe to alarms',
    });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboardName });
  }

  private workflowAlarms(workflows: readonly DeployedWorkflow[]): void {
    for (const { workflow, stateMachine } of workflows) {
      const prefix = pascal(workflow.name);
      const sum = { period: ALARM_POLICY.executionFailed.period, statistic: 'Sum' };
      this.pager.page(
        `${prefix}ExecutionFailed`,
        stateMachine.metricFailed(sum),
        ALARM_POLICY.executionFailed,
        `An execution of ${workflow.name} failed after its retries: its case waits for an operator`,
      );
      this.pager.page(
        `${prefix}ExecutionTimedOut`,
        stateMachine.metricTimedOut(sum),
        ALARM_POLICY.executionFailed,
        `An execution of ${workflow.name} timed out: its case waits for an operator`,
      );
    }
    const { period } = ALARM_POLICY.executionsThrottled;
    chunks(workflows).forEach((run, i) => {
      this.pager.page(
        `ExecutionsThrottled${i + 1}`,
        sumOf(
          run.map((w) => w.stateMachine.metricThrottled({ period, statistic: 'Sum' })),
          period,
          'throttled transitions',
        ),
        ALARM_POLICY.executionsThrottled,
        `Step Functions throttled transitions of ${run.map((w) => w.workflow.name).join(', ')} for 15 minutes`,
      );
    });
  }

  private apiAlarms(api: HttpApi): void {
    const { period } = ALARM_POLICY.apiServerErrorRate;
    this.pager.page(
      'ApiServerErrorRate',
      percentOf(
        api.metricServerError({ period, statistic: 'Sum' }),
        api.metricCount({ period, statistic: 'Sum' }),
        period,
        '5xx %',
      ),
      ALARM_POLICY.apiServerErrorRate,
      'The API answered 1 % or more of its requests with a 5xx for 15 minutes (bad input never is one)',
    );
  }

  private throttleAlarms(props: MonitoringStackProps, background: readonly WatchedFunction[]): void {
    const groups: [string, readonly WatchedFunction[]][] = [
      ['ApiRoutes', props.routeFunctions],
      ['WorkflowTasks', props.workflows.flatMap((w) => w.tasks.map((fn) => ({ name: fn.node.id, fn })))],
      ['Background', background],
    ];
    const { period } = ALARM_POLICY.lambdaThrottles;
    for (const [group, functions] of groups) {
      chunks(functions).forEach((run, i) => {
        this.pager.page(
          `LambdaThrottles${group}${i + 1}`,
          sumOf(
            run.map(({ fn }) => fn.metricThrottles({ period, statistic: 'Sum' })),
            period,
            'throttles',
          ),
          ALARM_POLICY.lambdaThrottles,
          `Lambda throttled ${run.map((f) => f.name).join(', ')} in three five-minute periods running`,
        );
      });
    }
  }

  private tableAlarms(tableName: string): void {
    const { period } = ALARM_POLICY.dynamoDbThrottles;
    this.pager.page(
      'DynamoDbThrottles',
      sumOf(board.tableThrottleMetrics(tableName, period), period, 'throttle events'),
      ALARM_POLICY.dynamoDbThrottles,
      `DynamoDB throttled 10 or more requests on ${tableName} or its indexes in each of three five-minute periods`,
    );
  }

  private deliveryAlarms(deadLetterQueues: MonitoringStackProps['deadLetterQueues']): void {
    const { period } = ALARM_POLICY.deadLetters;
    for (const { name, queue } of deadLetterQueues) {
      this.pager.page(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        ALARM_POLICY.deadLetters,
        `${name}: a message reached the dead-letter queue after its retries`,
      );
    }
  }

  /** The gauges and the sweep's findings (functions/app/ops/gauges.ts). */
  private operatorAlarms(): void {
    for (const { id, metric, statistic, rule, description } of OPERATOR_ALARMS)
      this.pager.page(id, registryMetric(metric, statistic, rule.period), rule, description);
  }

  /**
   * A review deadline counted past the last holiday calendar (Monday to Friday) logs `holiday calendar
   * missing`: the operators add the State Council's notice for that year (docs/operators.md).
   */
  private calendarInUseAlarm(workflows: readonly DeployedWorkflow[]): IMetric {
    const { period } = ALARM_POLICY.calendarMissingInUse;
    const metric = new Metric({
      namespace: METRIC_NAMESPACE,
      metricName: 'HolidayCalendarMissing',
      period,
      statistic: 'Sum',
    });
    for (const { tasks } of workflows) {
      for (const fn of tasks.filter((t) => t.node.id.endsWith('OpenReviewTaskFunction'))) {
        new MetricFilter(this, `${fn.node.id}CalendarMissing`, {
          logGroup: fn.logGroup,
          metricNamespace: METRIC_NAMESPACE,
          metricName: 'HolidayCalendarMissing',
          filterPattern: FilterPattern.stringValue('$.message', '=', 'holiday calendar missing'),
          metricValue: '1',
        });
      }
    }
    this.pager.page(
      'HolidayCalendarMissing',
      metric,
      ALARM_POLICY.calendarMissingInUse,
      'A review deadline ran past the last holiday calendar in seeds/calendar/: add the next year’s notice',
    );
    // A label would make the alarm a math alarm: the dashboard gets its own labelled copy.
    return metric.with({ label: 'deadlines counted without a calendar' });
  }
}
