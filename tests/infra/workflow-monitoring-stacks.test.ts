/**
 * The workflow and monitoring stacks: execution logging and tracing, task invocation, alarms, the dashboard.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_ROUTES } from '#contract/routes';
import { WORKFLOWS } from '#contract/workflows';
import { pascal } from '../../infra/cloud/workflow-stack.ts';
import { DEPLOYED } from './deployed.ts';
import { render } from './iam.ts';
import { stacks } from './stacks.ts';
import { list, type Resource, type Synthesized } from './synth.ts';

describe('cloud stacks', () => {
  let synth: Synthesized;
  let workflows: Template;
  let monitoring: Template;

  beforeAll(() => {
    ({ synth, workflows, monitoring } = stacks());
  });

  describe('workflows', () => {
    it('log every event without execution data, trace, and invoke only their own task functions', () => {
      for (const workflow of WORKFLOWS) {
        workflows.hasResourceProperties('AWS::StepFunctions::StateMachine', {
          StateMachineName: Match.stringLikeRegexp(`-${workflow.name}$`),
          LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: Match.anyValue() },
          TracingConfiguration: { Enabled: true },
        });
      }
      const invoke = (Object.values(workflows.findResources('AWS::IAM::Policy')) as Resource[])
        .flatMap(
          (p) =>
            (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
              .Statement,
        )
        .filter((s) => list(s.Action).includes('lambda:InvokeFunction'));
      const taskCount = WORKFLOWS.reduce((n, w) => n + Object.keys(w.tasks).length, 0);
      expect(invoke.flatMap((s) => list(s.Resource))).toHaveLength(taskCount);
      // The tasks, and the scheduled sweep of owed workflow starts (which no machine invokes).
      workflows.resourceCountIs('AWS::Lambda::Function', taskCount + 1);
    });
  });

  describe('monitoring', () => {
    it('alarms when a review deadline was counted past the last holiday calendar', () => {
      monitoring.hasResourceProperties('AWS::Logs::MetricFilter', {
        FilterPattern: '{ $.message = "holiday calendar missing" }',
        MetricTransformations: [
          Match.objectLike({
            MetricNamespace: 'OneStopRegistry',
            MetricName: 'HolidayCalendarMissing',
            MetricValue: '1',
          }),
        ],
      });
      monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'OneStopRegistry',
        MetricName: 'HolidayCalendarMissing',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });

    it('alarms on failed and timed-out executions, API 5xx and every function error, to an encrypted topic', () => {
      const alarms = Object.values(monitoring.findResources('AWS::CloudWatch::Alarm')) as Resource[];
      const metrics = alarms.map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`);
      const functionCount =
        CLOUD_ROUTES.length + WORKFLOWS.reduce((n, w) => n + Object.keys(w.tasks).length, 0) + 1;
      expect(metrics.filter((m) => m === 'AWS/States/ExecutionsFailed')).toHaveLength(WORKFLOWS.length);
      expect(metrics.filter((m) => m === 'AWS/States/ExecutionsTimedOut')).toHaveLength(WORKFLOWS.length);
      expect(metrics.filter((m) => m === 'AWS/ApiGateway/5xx')).toHaveLength(1);
      expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(functionCount);
      for (const alarm of alarms)
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
      monitoring.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    });

    it("alarms on each workflow's own failed executions, and draws each workflow's executions and tasks", () => {
      const alarms = monitoring.findResources('AWS::CloudWatch::Alarm');
      const dashboard = render(
        (Object.values(monitoring.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource).Properties
          .DashboardBody,
      );
      for (const { workflow, stateMachine } of synth.cloud.workflows.workflows) {
        const machineId = synth.cloud.workflows.getLogicalId(
          stateMachine.node.defaultChild as CfnStateMachine,
        );
        const failed = Object.entries(alarms).filter(
          ([id, a]) =>
            id.startsWith(`${pascal(workflow.name)}ExecutionFailed`) &&
            a.Properties.MetricName === 'ExecutionsFailed',
        );
        expect(failed, workflow.name).toHaveLength(1);
        const [, alarm] = failed[0] as [string, Resource];
        const dimensions = alarm.Properties.Dimensions as {
          Name: string;
          Value: unknown;
        }[];
        expect(dimensions.map((d) => d.Name)).toEqual(['StateMachineArn']);
        expect(render(dimensions[0]?.Value), workflow.name).toContain(machineId);
        expect(dashboard).toContain(`${workflow.name}: executions`);
        expect(dashboard).toContain(`${workflow.name} tasks: function errors`);
      }
      for (const d of DEPLOYED) expect(dashboard, d.name).toContain(`"label":"${d.name}"`);
    });
  });
});
