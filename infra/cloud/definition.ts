/**
 * A workflow's ASL definition with its `${TaskId}` placeholders replaced by the task functions' ARNs at
 * synth time, rather than through CloudFormation's DefinitionSubstitutions: the synthesized template
 * then holds the complete definition that will run, which the infra tests validate as it is, and a
 * placeholder without a function fails the synth instead of the deployment.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, type WorkflowSchema } from '#workflows/registry';

const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

export function readDefinition(workflow: WorkflowSchema): string {
  return readFileSync(join(REPO_ROOT, workflow.definitionFile), 'utf8');
}

export function placeholdersOf(definition: string): Set<string> {
  return new Set([...definition.matchAll(PLACEHOLDER)].map((m) => m[1] as string));
}

export function definitionWithTaskArns(
  workflow: WorkflowSchema,
  taskArns: Readonly<Record<string, string>>,
): string {
  const definition = readDefinition(workflow);
  const placeholders = placeholdersOf(definition);
  const unmapped = [...placeholders].filter((id) => !(id in taskArns));
  const unused = Object.keys(taskArns).filter((id) => !placeholders.has(id));
  if (unmapped.length > 0 || unused.length > 0) {
    throw new Error(
      `${workflow.definitionFile}: placeholders without a task function: [${unmapped.join(', ')}]; ` +
        `task functions without a placeholder: [${unused.join(', ')}]`,
    );
  }
  return definition.replace(PLACEHOLDER, (_, id: string) => taskArns[id] as string);
}
