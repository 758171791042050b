/**
 * The alarms that page a person (infra/cloud/monitoring-alarms.ts): each with its metric (namespace, name,
 * dimensions), threshold, period, evaluation periods and datapoints. docs/operators.md ("In AWS: the
 * dashboard and the alarms") says what each one means and what to do.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_TABLE } from '#contract/tables';
import { WORKFLOWS } from '#contract/workflows';
import { pascal } from '../../infra/cloud/workflow-stack.ts';
import { alarmNamed, type Watched, watched } from './alarms.ts';
import { render } from './iam.ts';
import { stacks } from './stacks.ts';
import type { Resource, Synthesized } from './synth.ts';

const SERVICE = { service: 'one-stop-registry' };

describe('alarms', () => {
  let synth: Synthesized;
  let monitoring: Template;
  let alarms: [string, Resource][];

  const alarm = (id: string): Watched => alarmNamed(alarms, id);
  const alarmsStarting = (prefix: string) =>
    alarms.filter(([id]) => new RegExp(`^${prefix}\\d+[0-9A-F]{8}$`).test(id)).map(([, a]) => watched(a));

  beforeAll(() => {
    ({ synth, monitoring } = stacks());
    alarms = Object.entries(monitoring.findResources('AWS::CloudWatch::Alarm')) as [string, Resource][];
  });

  it('sends every alarm to the encrypted topic, at or above its threshold, no data counting as fine', () => {
    expect(alarms.length).toBeGreaterThan(30);
    for (const [id, a] of alarms) {
      expect(a.Properties.AlarmActions, id).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
      expect(a.Properties.ComparisonOperator, id).toBe('GreaterThanOrEqualToThreshold');
      expect(a.Properties.TreatMissingData, id).toBe('notBreaching');
      expect(a.Properties.AlarmDescription, id).toEqual(expect.any(String));
    }
    const [topic] = Object.values(monitoring.findResources('AWS::SNS::Topic')) as Resource[];
    expect(render(topic!.Properties.KmsMasterKeyId)).toMatch(/^<AlarmTopicKey[0-9A-F]{8}\.Arn>$/);
  });

  it('pages at once for an execution that failed or timed out, per workflow', () => {
    for (const { workflow, stateMachine } of synth.cloud.workflows.workflows) {
      const machine = render(synth.cloud.monitoring.resolve(stateMachine.stateMachineArn));
      for (const [suffix, name] of [
        ['ExecutionFailed', 'ExecutionsFailed'],
        ['ExecutionTimedOut', 'ExecutionsTimedOut'],
      ]) {
        const a = alarm(`${pascal(workflow.name)}${suffix}`);
        expect(a).toMatchObject({ threshold: 1, period: 300, evaluationPeriods: 1, datapointsToAlarm: 1 });
        expect(a.metrics).toEqual([
          expect.objectContaining({
            namespace: 'AWS/States',
            name,
            stat: 'Sum',
            dimensions: { StateMachineArn: machine },
          }),
        ]);
      }
    }
  });

  it('pages when Step Functions throttles the machines’ transitions for 15 minutes', () => {
    const [a, ...more] = alarmsStarting('ExecutionsThrottled');
    expect(more).toEqual([]);
    expect(a).toMatchObject({ threshold: 1, period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(a!.expression).toBe(a!.metrics.map((m) => `FILL(${m.id}, 0)`).join(' + '));
    expect(a!.metrics.map((m) => [m.namespace, m.name, Object.keys(m.dimensions)])).toEqual(
      WORKFLOWS.map(() => ['AWS/States', 'ExecutionThrottled', ['StateMachineArn']]),
    );
  });

  it('pages on the API’s 5xx rate: 1 % of requests in three five-minute periods running', () => {
    const a = alarm('ApiServerErrorRate');
    expect(a).toMatchObject({ threshold: 1, period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 });
    expect(a.expression).toBe('IF(whole > 0, 100 * FILL(part, 0) / whole, 0)');
    const api = render(synth.cloud.monitoring.resolve(synth.cloud.api.api.apiId));
    expect(a.metrics).toEqual([
      {
        id: 'part',
        namespace: 'AWS/ApiGateway',
        name: '5xx',
        dimensions: { ApiId: api },
        period: 300,
        stat: 'Sum',
      },
      {
        id: 'whole',
        namespace: 'AWS/ApiGateway',
        name: 'Count',
        dimensions: { ApiId: api },
        period: 300,
        stat: 'Sum',
      },
    ]);
  });

  it('pages on Lambda throttles lasting 15 minutes, every function in one alarm of at most ten', () => {
    const throttles = alarms.filter(([id]) => id.startsWith('LambdaThrottles')).map(([, a]) => watched(a));
    const watchedFunctions = throttles.flatMap((a) => {
      expect(a).toMatchObject({ threshold: 1, period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 });
      expect(a.metrics.length).toBeLessThanOrEqual(10);
      expect(a.expression).toBe(a.metrics.map((m) => `FILL(${m.id}, 0)`).join(' + '));
      return a.metrics.map((m) => {
        expect([m.namespace, m.name, m.stat]).toEqual(['AWS/Lambda', 'Throttles', 'Sum']);
        return m.dimensions.FunctionName;
      });
    });
    const { api, workflows, push } = synth.cloud;
    const expected = [
      ...api.routes.map((r) => r.fn),
      ...workflows.workflows.flatMap((w) => w.tasks),
      workflows.sweep,
      workflows.executionIndex,
      push.relay,
      push.delivery,
    ].map((fn) => render(synth.cloud.monitoring.resolve(fn.functionName)));
    expect(new Set(watchedFunctions).size).toBe(watchedFunctions.length);
    expect(watchedFunctions).toEqual(expect.arrayContaining(expected));
    // And the gauges' own function.
    expect(watchedFunctions).toHaveLength(expected.length + 1);
  });

  it('pages on DynamoDB throttling of the table or an index: 10 a period, three periods running', () => {
    const a = alarm('DynamoDbThrottles');
    expect(a).toMatchObject({ threshold: 10, period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 });
    const indexes = [undefined, ...REGISTRY_TABLE.globalIndexes.map((i) => i.indexName)];
    expect(a.metrics.map((m) => [m.namespace, m.name, m.dimensions])).toEqual(
      indexes.flatMap((index) =>
        ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) => [
          'AWS/DynamoDB',
          name,
          { TableName: 'RegistryData-registry', ...(index ? { GlobalSecondaryIndexName: index } : {}) },
        ]),
      ),
    );
  });

  it('pages at once for a message in any dead-letter queue', () => {
    const { push, workflows, monitoring: stack } = synth.cloud;
    const queues = {
      OutboxQueue: push.outboxQueue.deadLetterQueue!.queue,
      DeliveryQueue: push.deliveryQueue.deadLetterQueue!.queue,
      ExecutionIndex: workflows.executionIndexDeadLetters,
    };
    for (const [name, queue] of Object.entries(queues)) {
      const a = alarm(`${name}DeadLetters`);
      expect(a).toMatchObject({ threshold: 1, period: 300, evaluationPeriods: 1, datapointsToAlarm: 1 });
      expect(a.metrics).toEqual([
        expect.objectContaining({
          namespace: 'AWS/SQS',
          name: 'ApproximateNumberOfMessagesVisible',
          stat: 'Maximum',
          dimensions: { QueueName: render(stack.resolve(queue.queueName)) },
        }),
      ]);
    }
  });

  it.each([
    ['OverdueHumanTasks', 'OverdueHumanTasks', 'Maximum', 1, 300, 3, 3],
    ['OldestUndeliveredEvent', 'OldestUndeliveredEventAge', 'Maximum', 86_400, 300, 3, 3],
    ['ParkedDeliveries', 'ParkedDeliveries', 'Maximum', 1, 300, 3, 3],
    ['OrphanedCasesUnstarted', 'OrphanedCasesUnstarted', 'Sum', 1, 300, 3, 3],
    ['OrphanedCasesFound', 'OrphanedCasesStarted', 'Sum', 1, 900, 4, 3],
    ['HolidayCalendarYearMissing', 'HolidayCalendarYearsMissing', 'Maximum', 1, 3600, 1, 1],
  ])(
    'pages on %s: %s, %s >= %d over %d s, %d periods of which %d',
    (id, name, stat, threshold, period, evaluationPeriods, datapointsToAlarm) => {
      const a = alarm(id);
      expect(a).toMatchObject({ threshold, period, evaluationPeriods, datapointsToAlarm });
      expect(a.metrics).toEqual([
        { id: 'm', namespace: 'OneStopRegistry', name, dimensions: SERVICE, period, stat },
      ]);
    },
  );

  it('pages when a review deadline was counted past the last holiday calendar (from the log line)', () => {
    monitoring.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "holiday calendar missing" }',
      MetricTransformations: [
        { MetricNamespace: 'OneStopRegistry', MetricName: 'HolidayCalendarMissing', MetricValue: '1' },
      ],
    });
    const a = alarm('HolidayCalendarMissing');
    expect(a).toMatchObject({ threshold: 1, period: 3600, evaluationPeriods: 1, datapointsToAlarm: 1 });
    expect(a.metrics).toEqual([
      {
        id: 'm',
        namespace: 'OneStopRegistry',
        name: 'HolidayCalendarMissing',
        dimensions: {},
        period: 3600,
        stat: 'Sum',
      },
    ]);
  });

  it('pages on a background function failing 10 % of its runs for 15 minutes, never on one error', () => {
    for (const name of ['SweepOwedStarts', 'ExecutionIndex', 'PushRelay', 'PushDelivery', 'OpsGauges']) {
      const a = alarm(`${name}ErrorRate`);
      expect(a).toMatchObject({ threshold: 10, period: 300, evaluationPeriods: 3, datapointsToAlarm: 3 });
      expect(a.expression).toBe('IF(whole > 0, 100 * FILL(part, 0) / whole, 0)');
      expect(a.metrics.map((m) => [m.id, m.namespace, m.name])).toEqual([
        ['part', 'AWS/Lambda', 'Errors'],
        ['whole', 'AWS/Lambda', 'Invocations'],
      ]);
      expect(a.metrics[0]!.dimensions).toEqual(a.metrics[1]!.dimensions);
    }
    // A retried transient error alone pages nobody: only what no retry cures alarms on one period.
    const atOnce = alarms
      .map(([id, a]) => [id, watched(a)] as const)
      .filter(([, a]) => a.evaluationPeriods === 1);
    for (const [id] of atOnce)
      expect(id).toMatch(/^(\w+Execution(Failed|TimedOut)|\w+DeadLetters|HolidayCalendar\w+)[0-9A-F]{8}$/);
    expect(atOnce.flatMap(([, a]) => a.metrics).some((m) => m.name === 'Errors')).toBe(false);
  });
});
