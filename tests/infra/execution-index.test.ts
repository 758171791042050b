/**
 * The execution index in the cloud: every status change of the registry's state machines, and nothing
 * else, reaches one function through an EventBridge rule that retries for a day and then keeps the event
 * in an encrypted dead-letter queue; the function reads and writes the registry table, and starts nothing.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXECUTION_STATUS_CHANGE } from '#contract/executions';
import { WORKFLOWS } from '#contract/workflows';
import { actionsOf, functionNamed, functionStatements, render } from './iam.ts';
import { stacks } from './stacks.ts';
import type { Resource } from './synth.ts';

describe('the execution index', () => {
  let workflows: Template;

  beforeAll(() => {
    ({ workflows } = stacks());
  });

  const indexRule = () => {
    const rules = Object.values(workflows.findResources('AWS::Events::Rule')) as Resource[];
    const matching = rules.filter(
      (r) =>
        (r.Properties.EventPattern as { 'detail-type'?: string[] } | undefined)?.['detail-type']?.[0] ===
        EXECUTION_STATUS_CHANGE,
    );
    expect(matching).toHaveLength(1);
    return matching[0]!;
  };

  it('takes the status changes of every registry state machine, and of no other', () => {
    const pattern = indexRule().Properties.EventPattern as {
      source: string[];
      detail: { stateMachineArn: unknown[] };
    };
    expect(pattern.source).toEqual(['aws.states']);
    const machines = pattern.detail.stateMachineArn.map(render);
    expect(machines).toHaveLength(WORKFLOWS.length);
    for (const m of machines) expect(m).toMatch(/^<\w+StateMachine\w*>$/);
  });

  it('invokes the index function, retrying for a day, then into an encrypted dead-letter queue', () => {
    const { id, fn } = functionNamed(workflows, 'ExecutionIndex');
    expect(fn.Properties.Handler).toBe('index.statusChanged');
    const [target] = indexRule().Properties.Targets as {
      Arn: unknown;
      RetryPolicy: { MaximumRetryAttempts: number; MaximumEventAgeInSeconds: number };
      DeadLetterConfig: { Arn: unknown };
    }[];
    expect(render(target!.Arn)).toBe(`<${id}.Arn>`);
    expect(target!.RetryPolicy).toEqual({ MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 });
    const dlq = render(target!.DeadLetterConfig.Arn).match(/^<(\w+)\.Arn>$/)?.[1];
    const queue = workflows.toJSON().Resources[dlq!] as Resource;
    expect(queue.Type).toBe('AWS::SQS::Queue');
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('reads and writes the table, and may start or stop no execution', () => {
    const actions = actionsOf(functionStatements(workflows, 'ExecutionIndex'));
    expect(actions.has('dynamodb:TransactWriteItems') || actions.has('dynamodb:PutItem')).toBe(true);
    expect([...actions].filter((a) => a.startsWith('states:'))).toEqual([]);
    expect([...actions].filter((a) => a.startsWith('s3:'))).toEqual([]);
  });
});
