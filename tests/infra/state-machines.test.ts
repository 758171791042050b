/**
 * Every synthesized state machine definition is complete (no placeholder left for deploy time), is valid
 * Amazon States Language, and uses only what the local engine (aws-local-stepfunctions) also runs:
 * JSONPath, no JSONata, no variables.
 */
import { createRequire } from 'node:module';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKFLOWS } from '#workflows/registry';
import { stateMachineName } from '../../infra/cloud/naming.ts';
import { type Synthesized, synthesize } from './synth.ts';

interface AslValidation {
  isValid: boolean;
  errorsText: (separator?: string) => string;
}
// asl-validator is CommonJS without type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
) => AslValidation;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

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
        return found.Properties as { DefinitionString: Json; DefinitionSubstitutions?: unknown };
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
    });
  }
});
