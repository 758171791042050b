/**
 * cdk-nag 3 acknowledgments, one finding at a time (docs/decisions/0002-cdk-cli-and-nag.md). A wildcard
 * resource is acknowledged by the exact pattern cdk-nag reports, computed here from the same token the
 * policy uses, so an acknowledgment can never cover a broader pattern than the one it was written for.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** Acknowledges `AwsSolutions-IAM5[Resource::<pattern>]` for one resource ARN (a token or a string). */
export function acknowledgeWildcardResource(scope: IConstruct, resourceArn: string, reason: string): void {
  const pattern = flatten(Stack.of(scope).resolve(resourceArn));
  if (!pattern.includes('*')) throw new Error(`${resourceArn} has no wildcard: nothing to acknowledge`);
  acknowledge(scope, `AwsSolutions-IAM5[Resource::${pattern}]`, reason);
}

/** Acknowledges `AwsSolutions-IAM5[Action::<action>]` for one wildcard action. */
export function acknowledgeWildcardAction(scope: IConstruct, action: string, reason: string): void {
  acknowledge(scope, `AwsSolutions-IAM5[Action::${action}]`, reason);
}

/** cdk-nag's rendering of a CloudFormation value in a finding id (its utils/flatten-cfn-reference). */
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const fn = node as Record<string, unknown>;
    if (fn['Fn::Join']) {
      const [delimiter, items] = fn['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (fn['Fn::Sub']) return flatten(fn['Fn::Sub']);
    if (fn['Fn::GetAtt']) {
      const [resource, attribute] = fn['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (fn['Fn::ImportValue']) return flatten(fn['Fn::ImportValue']);
    if (fn.Ref) return `<${flatten(fn.Ref)}>`;
  }
  return JSON.stringify(node);
}
