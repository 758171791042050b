/**
 * Reading functions, their roles and their policies out of a synthesized template, for the grant
 * assertions of the infra tests.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { list, type Resource } from './synth.ts';

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The function whose logical id is `prefix` plus CDK's 8-character hash, and its logical id. */
export function functionNamed(template: Template, prefix: string): { id: string; fn: Resource } {
  const pattern = new RegExp(`^${prefix}[0-9A-F]{8}$`);
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
    pattern.test(id),
  );
  if (found.length !== 1) throw new Error(`${found.length} functions named ${prefix}`);
  const [id, fn] = found[0] as [string, Resource];
  return { id, fn };
}

export function roleIdOf(fn: Resource): string {
  return (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

/** Every policy attached to a role, by logical id. */
export function policiesOf(template: Template, roleId: string): [string, Resource][] {
  return (Object.entries(template.findResources('AWS::IAM::Policy')) as [string, Resource][]).filter(
    ([, p]) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId),
  );
}

export function statementsOf(template: Template, roleId: string): Statement[] {
  return policiesOf(template, roleId).flatMap(
    ([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
  );
}

/** The statements of a function's role. */
export function functionStatements(template: Template, prefix: string): Statement[] {
  return statementsOf(template, roleIdOf(functionNamed(template, prefix).fn));
}

export const actionsOf = (statements: readonly Statement[]): Set<string> =>
  new Set(statements.flatMap((s) => list(s.Action)));

/**
 * A CloudFormation value as cdk-nag writes it in a finding id: Fn::Join flattened, a Ref as `<Name>`,
 * a cross-stack output as `<Stack.Output>`. Enough to compare ARNs built from pseudo parameters.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(render).join(',');
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const fn = value as Record<string, unknown>;
  if (fn['Fn::Join']) {
    const [delimiter, items] = fn['Fn::Join'] as [string, unknown[]];
    return items.map(render).join(delimiter);
  }
  if (fn.Ref) return `<${String(fn.Ref)}>`;
  if (fn['Fn::GetAtt']) return `<${(fn['Fn::GetAtt'] as string[]).join('.')}>`;
  const output = fn['Fn::GetStackOutput'] as { StackName: string; OutputName: string } | undefined;
  if (output) return `<${output.StackName}.${output.OutputName}>`;
  return JSON.stringify(value);
}

/** The resources a statement names, rendered. */
export const resourcesOf = (statement: Statement): string[] => list(statement.Resource).map(render);
