/**
 * The workflow stack: execution logging and tracing, and task invocation (the monitoring stack's alarms
 * and dashboard are in monitoring.test.ts).
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS } from '#contract/workflows';
import { stacks } from './stacks.ts';
import { list, type Resource } from './synth.ts';

describe('workflow stack', () => {
  let workflows: Template;

  beforeAll(() => {
    ({ workflows } = stacks());
  });

  it('logs every event without execution data, traces, and invokes only its own task functions', () => {
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
    // The tasks, the scheduled sweep of owed workflow starts and the execution index's writer (which no
    // machine invokes).
    workflows.resourceCountIs('AWS::Lambda::Function', taskCount + 2);
  });
});
