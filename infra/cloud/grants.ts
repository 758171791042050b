/**
 * Least-privilege grants, written out instead of CDK's `grantReadWriteData`/`grantRead` because those
 * add `index/*`, `kms:ReEncrypt*` and `kms:GenerateDataKey*`: here a function gets the table and the
 * indexes the schema names, the data key only through DynamoDB or S3, and a state machine only by its ARN.
 * The remaining wildcards (objects of one bucket, executions of one machine) are acknowledged where made.
 */
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { REGISTRY_TABLE } from '#shared/tables';
import { acknowledgeWildcardResource } from './nag.ts';
import { bucketArn, executionArnPattern, stateMachineArn, tableArn } from './naming.ts';

export type Access = 'read' | 'readWrite';

/** What the data stack holds, by name (naming.ts) plus the key that encrypts both. */
export interface DataRefs {
  tableName: string;
  bucketName: string;
  dataKey: IKey;
}

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = ['kms:Encrypt', 'kms:GenerateDataKey'];

function roleOf(fn: IFunction) {
  if (!fn.role) throw new Error(`${fn.node.path} has no role to grant to`);
  return fn.role;
}

/** The data key, usable only by requests that DynamoDB or S3 make on the function's behalf. */
function grantDataKey(fn: IFunction, data: DataRefs, access: Access, service: 'dynamodb' | 's3'): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: access === 'read' ? KEY_READ : [...KEY_READ, ...KEY_WRITE],
      resources: [data.dataKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
    }),
  );
}

export function grantRegistryTable(fn: IFunction, data: DataRefs, access: Access): void {
  const table = tableArn(fn, data.tableName);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: access === 'read' ? TABLE_READ : [...TABLE_READ, ...TABLE_WRITE],
      resources: [table, ...REGISTRY_TABLE.globalIndexes.map((index) => `${table}/index/${index.indexName}`)],
    }),
  );
  grantDataKey(fn, data, access, 'dynamodb');
}

export function grantDocumentsBucket(fn: IFunction, data: DataRefs, access: Access): void {
  const objects = `${bucketArn(data.bucketName)}/*`;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: access === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject'],
      resources: [objects],
    }),
  );
  grantDataKey(fn, data, access, 's3');
  acknowledgeWildcardResource(
    roleOf(fn),
    objects,
    'Objects of the documents bucket only: keys are generated ids (materials, license PDFs) that carry no personal data, created per upload, so no narrower static pattern exists. Ownership is checked by the handler before it presigns or reads a key.',
  );
}

/** states:StartExecution on the named machines, whose ARNs come from their fixed names. */
export function grantStartExecution(fn: IFunction, machineNames: readonly string[]): void {
  if (machineNames.length === 0) return;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['states:StartExecution'],
      resources: machineNames.map((name) => stateMachineArn(fn, name)),
    }),
  );
}

/** The operators' read side: list the machines' executions, describe them and read their histories. */
export function grantObserveExecutions(fn: IFunction, machineNames: readonly string[]): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['states:ListExecutions'],
      resources: machineNames.map((name) => stateMachineArn(fn, name)),
    }),
  );
  const executions = machineNames.map((name) => executionArnPattern(fn, name));
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['states:DescribeExecution', 'states:GetExecutionHistory'],
      resources: executions,
    }),
  );
  for (const pattern of executions) {
    acknowledgeWildcardResource(
      roleOf(fn),
      pattern,
      'Executions of one registry state machine: execution names are created at run time (one per case), so the operators view can only be granted per machine. Read-only actions; histories carry ids, never personal data (architecture.md).',
    );
  }
}
