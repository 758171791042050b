/**
 * Every synthesized state machine definition is complete (no placeholder left for deploy time, in a
 * Resource or in Parameters), is valid Amazon States Language, waits on every callback task with a
 * deadline, calls its service integrations in the deployment's partition, can invoke exactly the
 * functions it names, and uses only what the local engine (aws-local-stepfunctions) also runs: JSONPath,
 * no JSONata, no variables.
 */
import { createRequire } from 'node:module';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { definitionWithTaskArns, readDefinition } from '#contract/definition';
import { WORKFLOWS, type WorkflowSchema } from '#contract/workflows';
import { stateMachineName } from '../../infra/cloud/naming.ts';
import { statementsOf } from './iam.ts';
import { list, type Synthesized, synthesize } from './synth.ts';

interface AslValidation {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
) => AslValidation;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type State = { [key: string]: Json };

/** Every state of a definition, those nested in Parallel branches and Map processors included. */
function statesOf(machine: Json): [string, State][] {
  const states = (machine as { States?: Record<string, State> }).States ?? {};
  return Object.entries(states).flatMap(([name, state]) => [
    [name, state] as [string, State],
    ...((state.Branches as Json[] | undefined) ?? []).flatMap(statesOf),
    ...[state.Iterator, state.ItemProcessor].filter(Boolean).flatMap((inner) => statesOf(inner as Json)),
  ]);
}

/** What the Lambda service answers when a retry may cure it (the hardening issue). */
const LAMBDA_TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

const isCallback = (state: State) =>
  typeof state.Resource === 'string' && state.Resource.endsWith(':states:::lambda:invoke.waitForTaskToken');

const FAKE_ACCOUNT = '123456789012';
const FAKE_REGION = 'cn-north-1';

/**
 * Joins a DefinitionString's Fn::Join, filling each intrinsic with a placeholder of the shape the ASL
 * expects there (architecture.md: asl-validator needs them filled). Returns the logical ids of the
 * functions the definition references, so they can be checked against the workflow's tasks.
 */
function fillDefinition(definition: Json): { text: string; functions: string[] } {
  if (typeof definition === 'string') return { text: definition, functions: [] };
  const join = (definition as { 'Fn::Join'?: [string, Json[]] })['Fn::Join'];
  if (!join)
    throw new Error(`unexpected DefinitionString shape: ${JSON.stringify(definition).slice(0, 200)}`);
  const [delimiter, parts] = join;
  const functions: string[] = [];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const getAtt = (part as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt?.[1] === 'Arn') {
        functions.push(getAtt[0]);
        return `arn:aws-cn:lambda:${FAKE_REGION}:${FAKE_ACCOUNT}:function:${getAtt[0]}`;
      }
      const ref = (part as { Ref?: string }).Ref;
      if (ref === 'AWS::Partition') return 'aws-cn';
      if (ref === 'AWS::Region') return FAKE_REGION;
      if (ref === 'AWS::AccountId') return FAKE_ACCOUNT;
      throw new Error(`unexpected intrinsic in a definition: ${JSON.stringify(part)}`);
    })
    .join(delimiter);
  return { text, functions };
}

/** Every place where the definition leaves JSONPath: keys only JSONata or variables use, and `{% %}`. */
function jsonataUses(node: Json, path = '$'): string[] {
  if (typeof node === 'string') return node.includes('{%') ? [`${path} holds a JSONata expression`] : [];
  if (Array.isArray(node)) return node.flatMap((item, i) => jsonataUses(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => [
    ...(['QueryLanguage', 'Assign', 'Arguments', 'Output'].includes(key) ? [`${path}.${key}`] : []),
    ...jsonataUses(value, `${path}.${key}`),
  ]);
}

describe('state machine definitions', () => {
  let synth: Synthesized;
  let template: Template;

  beforeAll(() => {
    synth = synthesize({ bundle: false });
    template = Template.fromStack(synth.cloud.workflows);
  });

  it('deploys one Standard state machine per workflow, under its fixed name', () => {
    template.resourceCountIs('AWS::StepFunctions::StateMachine', WORKFLOWS.length);
    for (const workflow of WORKFLOWS) {
      template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
        StateMachineName: stateMachineName(synth.cloud.workflows.stackName, workflow),
        StateMachineType: 'STANDARD',
      });
    }
  });

  for (const workflow of WORKFLOWS) {
    describe(workflow.name, () => {
      const machine = () => {
        const name = stateMachineName(synth.cloud.workflows.stackName, workflow);
        const found = Object.values(template.findResources('AWS::StepFunctions::StateMachine')).find(
          (r) => r.Properties.StateMachineName === name,
        );
        if (!found) throw new Error(`no state machine named ${name}`);
        return found.Properties as {
          DefinitionString: Json;
          DefinitionSubstitutions?: unknown;
          RoleArn: unknown;
        };
      };

      it('is complete at synth: no task placeholder left and no deploy-time substitution', () => {
        const { text } = fillDefinition(machine().DefinitionString);
        expect(text).not.toMatch(/\$\{/);
        expect(machine().DefinitionSubstitutions).toBeUndefined();
      });

      it("calls exactly the workflow's task functions, each with its handler", () => {
        const { functions } = fillDefinition(machine().DefinitionString);
        const lambdas = template.findResources('AWS::Lambda::Function');
        const handlers = new Set(functions.map((id) => lambdas[id]?.Properties.Handler));
        expect(handlers).toEqual(
          new Set(Object.values(workflow.tasks).map((task) => `index.${task.export}`)),
        );
        expect(new Set(functions).size).toBe(Object.keys(workflow.tasks).length);
      });

      it('is valid Amazon States Language (asl-validator)', () => {
        const definition = JSON.parse(fillDefinition(machine().DefinitionString).text) as Json;
        // The validator writes QueryLanguage into every state it visits: give it a copy.
        const result = aslValidator(structuredClone(definition));
        expect(result.errorsText('\n')).toBe('');
        expect(result.isValid).toBe(true);
      });

      it('uses JSONPath only: no QueryLanguage, JSONata or Assign, which the local engine ignores', () => {
        const definition = JSON.parse(fillDefinition(machine().DefinitionString).text) as Json;
        expect(jsonataUses(definition)).toEqual([]);
      });

      const filled = () => JSON.parse(fillDefinition(machine().DefinitionString).text) as Json;
      const handlerOfArn = (arn: Json) => {
        const logicalId = String(arn).split(':function:')[1] ?? '';
        return template.findResources('AWS::Lambda::Function')[logicalId]?.Properties.Handler;
      };

      it('waits on every callback task with a deadline (TimeoutSeconds or TimeoutSecondsPath)', () => {
        const callbacks = statesOf(filled()).filter(([, state]) => isCallback(state));
        // As many as the source has: each was filled, none lost.
        const source = statesOf(JSON.parse(readDefinition(workflow)) as Json).filter(([, state]) =>
          String(state.Resource).endsWith(':states:::lambda:invoke.waitForTaskToken'),
        );
        expect(callbacks.map(([name]) => name)).toEqual(source.map(([name]) => name));
        for (const [name, state] of callbacks) {
          expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, name).toBeDefined();
        }
      });

      it("retries the Lambda service's transient errors with backoff on every Task, before any Catch", () => {
        const tasks = statesOf(filled()).filter(([, state]) => state.Type === 'Task');
        expect(tasks.length).toBeGreaterThan(0);
        for (const [name, state] of tasks) {
          const retried = (
            (state.Retry as { ErrorEquals: string[]; BackoffRate?: number }[] | undefined) ?? []
          )
            .filter((r) => (r.BackoffRate ?? 1) > 1)
            .flatMap((r) => r.ErrorEquals);
          for (const error of LAMBDA_TRANSIENT) expect(retried, `${name} retries ${error}`).toContain(error);
        }
      });

      it("hands every callback task's function the task token", () => {
        for (const [name, state] of statesOf(filled()).filter(([, s]) => isCallback(s))) {
          const payload = (state.Parameters as { Payload?: Record<string, Json> }).Payload ?? {};
          expect(payload['taskToken.$'], name).toBe('$$.Task.Token');
        }
      });

      it('calls service integrations in the deployment partition, with the callback function ARN in Parameters.FunctionName', () => {
        const source = new Map(statesOf(JSON.parse(readDefinition(workflow)) as Json));
        for (const [name, state] of statesOf(filled())) {
          if (typeof state.Resource !== 'string') continue;
          // fillDefinition stands the partition in as aws-cn: nothing may still say arn:aws:.
          expect(state.Resource, name).toMatch(/^arn:aws-cn:/);
          if (!isCallback(state)) continue;
          const functionName = (state.Parameters as State).FunctionName ?? null;
          expect(functionName, name).toMatch(/^arn:aws-cn:lambda:[a-z0-9-]+:\d{12}:function:/);
          const sourceParameters = source.get(name)?.Parameters as State | undefined;
          const placeholder = /^\$\{(\w+)\}$/.exec(String(sourceParameters?.FunctionName));
          const task = workflow.tasks[placeholder?.[1] ?? ''];
          expect(handlerOfArn(functionName), name).toBe(`index.${task?.export}`);
        }
      });

      it('lets its role invoke exactly the functions its definition names, callback functions included', () => {
        const { functions } = fillDefinition(machine().DefinitionString);
        const roleId = (machine().RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        const invoked = statementsOf(template, roleId)
          .filter((st) => list(st.Action).includes('lambda:InvokeFunction'))
          .flatMap((st) => list(st.Resource) as { 'Fn::GetAtt': [string, string] }[])
          .map((r) => r['Fn::GetAtt'][0]);
        expect(new Set(invoked)).toEqual(new Set(functions));
        expect(invoked).toHaveLength(new Set(functions).size);
      });
    });
  }
});

describe('definitionWithTaskArns', () => {
  const workflow: WorkflowSchema = {
    name: 'example',
    envVar: 'EXAMPLE_STATE_MACHINE_ARN',
    definitionFile: 'workflows/example.asl.json',
    tasks: {
      CheckFunction: { entry: 'functions/tasks/example.ts', export: 'check' },
      AskFunction: { entry: 'functions/tasks/example.ts', export: 'ask' },
    },
  };
  const arns = { CheckFunction: 'arn:check', AskFunction: 'arn:ask' };
  const definition = (payload: Json = { 'id.$': '$.id', 'token.$': '$$.Task.Token' }) =>
    JSON.stringify({
      StartAt: 'Check',
      States: {
        Check: { Type: 'Task', Resource: `\${CheckFunction}`, Next: 'Ask' },
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: `\${AskFunction}`, Payload: payload },
          TimeoutSeconds: 60,
          End: true,
        },
      },
    });
  const fill = (text: string, tasks: Record<string, string> = arns) =>
    JSON.parse(definitionWithTaskArns(workflow, tasks, { partition: 'aws-cn' }, text)) as {
      States: Record<string, State>;
    };

  it("fills a Task's Resource and a lambda:invoke's Parameters.FunctionName, and moves integrations to the partition", () => {
    const { States } = fill(definition());
    expect(States.Check?.Resource).toBe('arn:check');
    expect(States.Ask?.Resource).toBe('arn:aws-cn:states:::lambda:invoke.waitForTaskToken');
    expect(States.Ask?.Parameters).toEqual({
      FunctionName: 'arn:ask',
      Payload: { 'id.$': '$.id', 'token.$': '$$.Task.Token' },
    });
  });

  it('refuses a placeholder anywhere else: it would reach a handler as data', () => {
    expect(() => fill(definition({ callback: `\${CheckFunction}` }))).toThrow(
      /\$\.States\.Ask\.Parameters\.Payload\.callback/,
    );
  });

  it('refuses a placeholder without a function, and a function without a placeholder', () => {
    expect(() => fill(definition(), { CheckFunction: 'arn:check' })).toThrow(
      /without a task function: \[AskFunction\]/,
    );
    expect(() => fill(definition(), { ...arns, ExtraFunction: 'arn:extra' })).toThrow(
      /without a placeholder: \[ExtraFunction\]/,
    );
  });
});
