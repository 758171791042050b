/**
 * What operators watch in the cloud: one dashboard (per workflow, its executions and its task functions'
 * errors and throttles; the API's errors and latency and its route functions') and alarms on what must
 * never happen quietly: a failed or timed-out execution, a 5xx (bad input never yields one, api.md), a
 * function error. An aborted execution is shown, not alarmed: a withdrawal stops its registration's.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { DeployedWorkflow } from './workflow-stack.ts';
import { pascal } from './workflow-stack.ts';

export interface WatchedFunction {
  /** A readable name, unique across the app: the route id, or the workflow and task. */
  name: string;
  fn: IFunction;
}

export interface MonitoringStackProps extends StackProps {
  api: HttpApi;
  /** Each workflow with its task functions. */
  workflows: readonly DeployedWorkflow[];
  /** The function of every API route. */
  routeFunctions: readonly WatchedFunction[];
  /** Functions that run on a schedule (the sweep of owed workflow starts). */
  scheduledFunctions: readonly WatchedFunction[];
  alarmEmail: string;
}

const PERIOD = Duration.minutes(5);

export class MonitoringStack extends Stack {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;

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
    const notify = new SnsAction(this.alarmTopic);

    const alarm = (alarmId: string, metric: IMetric, description: string, threshold = 1) => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(notify);
      return created;
    };

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${this.stackName}-operations`,
      defaultInterval: Duration.days(1),
    });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# One-stop registry\nExecutions per workflow, the online hall API, and every function. ' +
          'Open an execution in the Step Functions console for its states, inputs and errors.',
        width: 24,
        height: 2,
      }),
    );

    // Every function alarms on its first error; its errors and throttles are drawn with its group's.
    const functionWidgets = (group: string, functions: readonly WatchedFunction[], width: number) => {
      for (const { name, fn } of functions) {
        alarm(
          `${name}Errors`,
          fn.metricErrors({ period: PERIOD, statistic: 'Sum' }),
          `Function ${name} reported an error`,
        );
      }
      return [
        new GraphWidget({
          title: `${group}: function errors`,
          width,
          left: functions.map(({ name, fn }) =>
            fn.metricErrors({ period: PERIOD, statistic: 'Sum', label: name }),
          ),
        }),
        new GraphWidget({
          title: `${group}: function throttles`,
          width,
          left: functions.map(({ name, fn }) =>
            fn.metricThrottles({ period: PERIOD, statistic: 'Sum', label: name }),
          ),
        }),
      ];
    };

    for (const { workflow, stateMachine, tasks } of props.workflows) {
      const prefix = pascal(workflow.name);
      const failed = stateMachine.metricFailed({ period: PERIOD, statistic: 'Sum' });
      const timedOut = stateMachine.metricTimedOut({ period: PERIOD, statistic: 'Sum' });
      this.dashboard.addWidgets(
        new GraphWidget({
          title: `${workflow.name}: executions`,
          width: 8,
          left: [
            stateMachine.metricStarted({ period: PERIOD, statistic: 'Sum' }),
            stateMachine.metricSucceeded({ period: PERIOD, statistic: 'Sum' }),
            failed,
            timedOut,
            stateMachine.metricAborted({ period: PERIOD, statistic: 'Sum' }),
          ],
        }),
        ...functionWidgets(
          `${workflow.name} tasks`,
          tasks.map((fn) => ({ name: fn.node.id, fn })),
          8,
        ),
      );
      alarm(`${prefix}ExecutionFailed`, failed, `An execution of ${workflow.name} failed`);
      alarm(`${prefix}ExecutionTimedOut`, timedOut, `An execution of ${workflow.name} timed out`);
    }

    this.calendarAlarm(props.workflows, alarm);

    const serverErrors = props.api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'API: errors',
        width: 12,
        left: [props.api.metricClientError({ period: PERIOD, statistic: 'Sum' }), serverErrors],
      }),
      new GraphWidget({
        title: 'API: latency (p50, p99)',
        width: 12,
        left: [
          props.api.metricLatency({ period: PERIOD, statistic: 'p50' }),
          props.api.metricLatency({ period: PERIOD, statistic: 'p99' }),
        ],
      }),
    );
    alarm('ApiServerErrors', serverErrors, 'The API answered with a 5xx, which bad input never causes');
    this.dashboard.addWidgets(...functionWidgets('API routes', props.routeFunctions, 12));
    this.dashboard.addWidgets(...functionWidgets('Scheduled', props.scheduledFunctions, 12));

    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topicArn,
      description: 'Subscribe to alarms',
    });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboardName });
  }

  /**
   * A review deadline counted past the last holiday calendar (Monday to Friday) logs `holiday calendar
   * missing`: the operators add the State Council's notice for that year (docs/operators.md).
   */
  private calendarAlarm(
    workflows: readonly DeployedWorkflow[],
    alarm: (id: string, metric: IMetric, description: string) => Alarm,
  ): void {
    const metric = new Metric({
      namespace: METRIC_NAMESPACE,
      metricName: 'HolidayCalendarMissing',
      period: Duration.hours(1),
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
    alarm(
      'HolidayCalendarMissing',
      metric,
      'A review deadline ran past the last holiday calendar in seeds/calendar/: add the next year’s notice',
    );
  }
}

/** Where the registry's own metrics live. */
const METRIC_NAMESPACE = 'OneStopRegistry';
