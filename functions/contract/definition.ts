/**
 * A workflow's ASL definition as it is deployed: each `${TaskId}` placeholder replaced by its task
 * function's ARN, and each service integration (`arn:aws:states:::lambda:invoke…`) put in the
 * deployment's partition. This happens at synth time, rather than through CloudFormation's
 * DefinitionSubstitutions, so the synthesized template holds the complete definition that will run
 * (the infra tests validate it as it is) and a placeholder without a function fails the synth instead of
 * the deployment.
 *
 * A placeholder may stand in exactly two places: a Task's `Resource` (a direct Lambda task) and the
 * `Parameters.FunctionName` of a Task that uses the Lambda service integration (`lambda:invoke`, and
 * `lambda:invoke.waitForTaskToken` for callback tasks, whose function opens a human task and stores the
 * token). Anywhere else it would be data handed to a handler, so it is refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type WorkflowSchema } from '#contract/workflows';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;
const WHOLE_PLACEHOLDER = /^\$\{([A-Za-z][A-Za-z0-9]*)\}$/;
/** The definitions are written for the `aws` partition, as the AWS documentation writes them. */
const SERVICE_INTEGRATION = /^arn:aws:states:::/;
const LAMBDA_INTEGRATION = /^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/;

export function readDefinition(workflow: WorkflowSchema): string {
  return readFileSync(join(REPO_ROOT, workflow.definitionFile), 'utf8');
}

export function placeholdersOf(definition: string): Set<string> {
  return new Set([...definition.matchAll(PLACEHOLDER)].map((m) => m[1] as string));
}

const isObject = (node: Json | undefined): node is JsonObject =>
  typeof node === 'object' && node !== null && !Array.isArray(node);

/** Every state of a definition, nested ones (Parallel branches, Map processors) included, with its path. */
function* statesOf(machine: JsonObject, path = '$'): Generator<[string, JsonObject]> {
  if (!isObject(machine.States)) return;
  for (const [name, state] of Object.entries(machine.States)) {
    if (!isObject(state)) continue;
    const at = `${path}.States.${name}`;
    yield [at, state];
    const branches = Array.isArray(state.Branches) ? state.Branches : [];
    for (const [i, branch] of branches.entries())
      if (isObject(branch)) yield* statesOf(branch, `${at}.Branches[${i}]`);
    for (const key of ['Iterator', 'ItemProcessor']) {
      const inner = state[key];
      if (isObject(inner)) yield* statesOf(inner, `${at}.${key}`);
    }
  }
}

/** Strings holding a placeholder anywhere in a JSON tree, by path. */
function placeholderStrings(node: Json, path: string): string[] {
  if (typeof node === 'string') return placeholdersOf(node).size > 0 ? [path] : [];
  if (Array.isArray(node)) return node.flatMap((item, i) => placeholderStrings(item, `${path}[${i}]`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => placeholderStrings(value, `${path}.${key}`));
}

export interface FillOptions {
  /** The deployment's partition: `Aws.PARTITION` in a stack, a literal in tests. */
  partition: string;
}

/**
 * The definition with every placeholder filled from `taskArns` and every service integration in the
 * given partition, as compact JSON. Throws, naming the file, when a placeholder has no function, a
 * function has no placeholder, or a placeholder stands where a function ARN cannot.
 */
export function definitionWithTaskArns(
  workflow: WorkflowSchema,
  taskArns: Readonly<Record<string, string>>,
  options: FillOptions,
  text = readDefinition(workflow),
): string {
  const fail = (problem: string): never => {
    throw new Error(`${workflow.definitionFile}: ${problem}`);
  };
  const placeholders = placeholdersOf(text);
  const unmapped = [...placeholders].filter((id) => !(id in taskArns));
  const unused = Object.keys(taskArns).filter((id) => !placeholders.has(id));
  if (unmapped.length > 0 || unused.length > 0) {
    fail(
      `placeholders without a task function: [${unmapped.join(', ')}]; ` +
        `task functions without a placeholder: [${unused.join(', ')}]`,
    );
  }
  const definition = JSON.parse(text) as Json;
  if (!isObject(definition)) return fail('not a state machine');

  const arnOf = (value: Json | undefined, at: string): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const id = WHOLE_PLACEHOLDER.exec(value)?.[1];
    if (!id) return undefined;
    return taskArns[id] ?? fail(`${at}: no task function for \${${id}}`);
  };

  for (const [at, state] of statesOf(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = state.Resource;
    const direct = arnOf(resource, `${at}.Resource`);
    if (direct) {
      state.Resource = direct;
      continue;
    }
    if (typeof resource !== 'string' || !SERVICE_INTEGRATION.test(resource)) continue;
    if (LAMBDA_INTEGRATION.test(resource) && isObject(state.Parameters)) {
      const invoked = arnOf(state.Parameters.FunctionName, `${at}.Parameters.FunctionName`);
      if (invoked) state.Parameters.FunctionName = invoked;
    }
    state.Resource = resource.replace(SERVICE_INTEGRATION, `arn:${options.partition}:states:::`);
  }

  // What is still a placeholder stands where no function ARN belongs (a Payload, a Comment, a Choice).
  const misplaced = placeholderStrings(definition, '$');
  if (misplaced.length > 0) {
    fail(
      `placeholders stand only in a Task's Resource or its Parameters.FunctionName; found at ${misplaced.join(', ')}`,
    );
  }
  return JSON.stringify(definition);
}
