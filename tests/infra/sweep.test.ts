/**
 * The sweep of owed workflow starts in the cloud: a schedule every five minutes, one function as its
 * target, allowed to start executions of the registry's state machines (each by its ARN, nothing else
 * in Step Functions) and to read and write the registry table.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS } from '#contract/workflows';
import { STACKS, stateMachineName } from '../../infra/cloud/naming.ts';
import { actionsOf, functionNamed, functionStatements, render, resourcesOf } from './iam.ts';
import { stacks } from './stacks.ts';
import { list, type Resource } from './synth.ts';

describe('the sweep of owed workflow starts', () => {
  let workflows: Template;

  beforeAll(() => {
    ({ workflows } = stacks());
  });

  it('runs every five minutes, with the sweep function as its one target', () => {
    const { id } = functionNamed(workflows, 'SweepOwedStarts');
    const rules = Object.values(workflows.findResources('AWS::Events::Rule')) as Resource[];
    const sweeps = rules.filter((r) => r.Properties.ScheduleExpression === 'rate(5 minutes)');
    expect(sweeps).toHaveLength(1);
    const rule = sweeps[0]!;
    expect(rule.Properties.State).toBe('ENABLED');
    const targets = rule.Properties.Targets as { Arn: unknown }[];
    expect(targets.map((t) => render(t.Arn))).toEqual([`<${id}.Arn>`]);
    // EventBridge may invoke it, and only from this rule.
    const permissions = Object.values(workflows.findResources('AWS::Lambda::Permission')) as Resource[];
    const invoking = permissions.filter((p) => render(p.Properties.FunctionName) === `<${id}.Arn>`);
    expect(invoking.map((p) => p.Properties.Principal)).toEqual(['events.amazonaws.com']);
  });

  it('runs the sweep task handler', () => {
    const { fn } = functionNamed(workflows, 'SweepOwedStarts');
    expect(fn.Properties.Handler).toBe('index.sweep');
  });

  it('may start executions of both state machines, by ARN, and nothing else in Step Functions', () => {
    const statements = functionStatements(workflows, 'SweepOwedStarts');
    const states = statements.filter((s) => list(s.Action).some((a) => a.startsWith('states:')));
    expect([...actionsOf(states)]).toEqual(['states:StartExecution']);
    const machines = states.flatMap(resourcesOf);
    expect(machines).toHaveLength(WORKFLOWS.length);
    for (const workflow of WORKFLOWS) {
      const name = stateMachineName(STACKS.workflows, workflow);
      expect(
        machines.filter((arn) => arn.endsWith(`:stateMachine:${name}`)),
        workflow.name,
      ).toHaveLength(1);
    }
    for (const arn of machines) expect(arn).not.toContain('*');
  });

  it('reads and writes the registry table as the workflow tasks do, and touches no bucket or key beyond it', () => {
    const actions = actionsOf(functionStatements(workflows, 'SweepOwedStarts'));
    for (const action of ['dynamodb:Query', 'dynamodb:DeleteItem', 'dynamodb:GetItem'])
      expect(actions.has(action), action).toBe(true);
    expect([...actions].filter((a) => a.startsWith('s3:'))).toEqual([]);
    // The data key only, as the table's grant gives it (through DynamoDB): no sealing, no signing.
    const dataKey = new Set(['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey']);
    expect([...actions].filter((a) => a.startsWith('kms:') && !dataKey.has(a))).toEqual([]);
    expect(actions.has('lambda:InvokeFunction')).toBe(false);
  });
});
