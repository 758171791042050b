/**
 * Physical names the stacks agree on without passing references. A state machine's task starts the next
 * execution of its own machine, and API handlers start and observe executions: giving each machine a
 * fixed name lets a function's environment and policy carry the machine's ARN without a dependency
 * cycle (function → machine → function). The table and the bucket are named for the same reason, and
 * because they are kept on stack deletion: a fixed name makes CloudFormation refuse, rather than
 * silently perform, a replacement that would start an empty registry.
 */
import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { WorkflowSchema } from '#contract/workflows';

/** Stack ids, which are also the CloudFormation stack names. */
export const STACKS = {
  data: 'RegistryData',
  workflows: 'RegistryWorkflows',
  api: 'RegistryApi',
  monitoring: 'RegistryMonitoring',
  push: 'RegistryPush',
  frontDoor: 'RegistryFrontDoor',
} as const;

export function registryTableName(dataStackName: string): string {
  return `${dataStackName}-registry`;
}

/** Bucket names are global: account and region make it unique; the pseudo parameters need no export. */
export function documentsBucketName(dataStackName: string): string {
  return `${dataStackName.toLowerCase()}-documents-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export function stateMachineName(workflowStackName: string, workflow: WorkflowSchema): string {
  return `${workflowStackName}-${workflow.name}`;
}

export function stateMachineArn(scope: Construct, machineName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'stateMachine',
    resourceName: machineName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** Every execution of one machine: `arn:…:execution:<machine>:*`. */
export function executionArnPattern(scope: Construct, machineName: string): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    resourceName: `${machineName}:*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

export function tableArn(scope: Construct, tableName: string): string {
  return Stack.of(scope).formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName });
}

export function bucketArn(bucketName: string): string {
  return `arn:${Aws.PARTITION}:s3:::${bucketName}`;
}
