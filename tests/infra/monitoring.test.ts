/**
 * The monitoring stack beyond its alarms (monitoring-alarms.test.ts): the gauges' schedule and what their
 * function may read, X-Ray on every function and state machine, the dashboard's sections, and the log level
 * that lets the metrics' lines through.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS } from '#contract/workflows';
import { registryFunction } from '../../infra/cloud/nodejs-function.ts';
import { OPS_GAUGES } from '../../infra/cloud/ops-gauges.ts';
import { actionsOf, functionNamed, functionStatements, render } from './iam.ts';
import { stacks } from './stacks.ts';
import type { Resource, Synthesized } from './synth.ts';

describe('monitoring', () => {
  let synth: Synthesized;
  let monitoring: Template;

  beforeAll(() => {
    ({ synth, monitoring } = stacks());
  });

  it('publishes the gauges every five minutes from a function that only reads the table', () => {
    const { id, fn } = functionNamed(monitoring, 'OpsGauges');
    expect(fn.Properties.Handler).toBe('index.publishGauges');
    const rules = Object.values(monitoring.findResources('AWS::Events::Rule')) as Resource[];
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [id, 'Arn'] },
          RetryPolicy: { MaximumEventAgeInSeconds: 300, MaximumRetryAttempts: 2 },
        },
      ],
    });
    const actions = actionsOf(functionStatements(monitoring, 'OpsGauges'));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Scan'])
      expect(actions.has(write), write).toBe(false);
    expect(actions.has('dynamodb:Query')).toBe(true);
  });

  it('traces every registry function and state machine with X-Ray', () => {
    const templates = synth.assembly.stacks.map((s) => s.template as { Resources: Record<string, Resource> });
    const resources = templates.flatMap((t) => Object.values(t.Resources));
    const functions = resources.filter(
      (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Runtime === 'nodejs22.x',
    );
    expect(functions.length).toBeGreaterThan(60);
    for (const fn of functions)
      expect(fn.Properties.TracingConfig, String(fn.Properties.Description)).toEqual({ Mode: 'Active' });
    const machines = resources.filter((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    expect(machines).toHaveLength(WORKFLOWS.length);
    for (const m of machines) expect(m.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('draws the workflows, the human tasks, the API, the table, the deliveries and the alarms', () => {
    const dashboard = render(
      (Object.values(monitoring.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource).Properties
        .DashboardBody,
    );
    for (const workflow of WORKFLOWS) {
      expect(dashboard).toContain(`${workflow.name}: executions`);
      expect(dashboard).toContain(`${workflow.name} tasks: function errors`);
    }
    for (const title of [
      'Human tasks: overdue',
      'Decide: failed rules',
      'API: 5xx rate',
      'DynamoDB: throttled reads and writes',
      'Deliveries: attempts by result',
      'Deliveries: oldest unacknowledged event',
      'Dead-letter queues: messages',
      'Orphaned cases',
      'Holiday calendar',
      'Background: function errors',
    ])
      expect(dashboard, title).toContain(title);
    expect(dashboard).toContain(
      'SEARCH(\'{OneStopRegistry,service,rule} MetricName=\\"DecisionRuleFailures\\"\'',
    );
    // The alarm widget lists every alarm.
    const alarms = Object.keys(monitoring.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(30);
    for (const id of alarms) expect(dashboard, id).toContain(`<${id}.Arn>`);
  });
});

describe('the metrics’ log lines', () => {
  it('reach CloudWatch whatever LOG_LEVEL says: Lambda lets INFO through, Powertools filters the rest', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'Probe');
    for (const [id, level] of [
      ['Warn', 'WARN'],
      ['Debug', 'DEBUG'],
    ] as const)
      registryFunction(stack, id, {
        handler: OPS_GAUGES.handler,
        description: `LOG_LEVEL ${level}`,
        environment: { LOG_LEVEL: level },
      });
    const levels = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map(
      (fn) => [
        fn.Properties.Environment.Variables.LOG_LEVEL,
        fn.Properties.LoggingConfig.ApplicationLogLevel,
      ],
    );
    expect(levels).toEqual([
      ['WARN', 'INFO'],
      ['DEBUG', 'DEBUG'],
    ]);
  });
});
