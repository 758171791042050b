/**
 * Least-privilege grants, written out instead of CDK's `grantReadWriteData`/`grantRead` because those
 * add `index/*`, `kms:ReEncrypt*` and `kms:GenerateDataKey*`: here a function gets the table's item
 * families it declares (table-grants.ts), the data key only through DynamoDB or S3, the materials of the documents
 * bucket only, the sealing key only for what it does with it, and a state machine only by its ARN.
 * The remaining wildcards (objects under one prefix, executions of one machine, task tokens) are
 * acknowledged where made, each with its reason.
 */
import { Aws, Stack, Tags } from 'aws-cdk-lib';
import { Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { acknowledge, acknowledgeWildcardResource } from './nag.ts';
import { bucketArn, executionArnPattern, stateMachineArn } from './naming.ts';
import { SEALING_ACTIONS, SEALING_KEY_ENV, SEALING_TAG, type SealingUse } from './sealing.ts';

export type Access = 'read' | 'readWrite';

/** What a function does with objects under one prefix: `write` is PutObject alone (a presigned upload). */
export type ObjectAccess = Access | 'write';

/** What the data stack holds, by name (naming.ts), the key that encrypts both, and the sealing key. */
export interface DataRefs {
  tableName: string;
  bucketName: string;
  dataKey: IKey;
  sealingKey: IKey;
  /** The asymmetric ECC_NIST_P256 key that signs licenses and status lists. */
  licenseSigningKey: IKey;
}

/**
 * The key space of the documents bucket that exists: materials, `materials/<id>` (materialObjectKey in
 * functions/adapters/materials.ts; tests/infra checks the two agree). License PDFs will get their own
 * prefix and their own grant.
 */
export const MATERIALS_PREFIX = 'materials/';

/** License PDFs: `licenses/<creditCode>/<version>.pdf` (licensePdfKey in functions/ports/licenses.ts). */
export const LICENSES_PREFIX = 'licenses/';

/** The environment variable that names the license signing key (infra/cloud/ports.ts). */
export const LICENSE_SIGNING_KEY_ENV = 'LICENSE_SIGNING_KEY_ID';

/** What a function does with the license key: sign (the issuing task) or read its public half (the JWKS). */
export type LicenseKeyUse = 'sign' | 'publicKey';

/**
 * Signing reads the public key too: the signer's kid is the key's thumbprint, which KMS gives only
 * through GetPublicKey. Nothing else: no Verify (verifiers use the JWKS), no Decrypt, no key admin.
 */
export const LICENSE_KEY_ACTIONS: Record<LicenseKeyUse, readonly string[]> = {
  sign: ['kms:Sign', 'kms:GetPublicKey'],
  publicKey: ['kms:GetPublicKey'],
};

/** Task tokens name no resource: IAM defines these actions without resource types (see below). */
export const TASK_RESPONSE_ACTIONS = ['states:SendTaskSuccess', 'states:SendTaskFailure'];

const KEY_READ = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE = ['kms:Encrypt', 'kms:GenerateDataKey'];

function roleOf(fn: LambdaFunction) {
  if (!fn.role) throw new Error(`${fn.node.path} has no role to grant to`);
  return fn.role;
}

/**
 * The data key, usable only by requests that DynamoDB or S3 make on the function's behalf. An upload
 * alone (`write`) needs only a data key to encrypt the new object with (S3's SSE-KMS PutObject).
 */
export function grantDataKey(
  fn: LambdaFunction,
  data: DataRefs,
  access: ObjectAccess,
  service: 'dynamodb' | 's3',
): void {
  const actions = { read: KEY_READ, write: ['kms:GenerateDataKey'], readWrite: [...KEY_READ, ...KEY_WRITE] };
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: actions[access],
      resources: [data.dataKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
    }),
  );
}

/**
 * Objects under one prefix of the documents bucket. Reading comes with `s3:ListBucket` on the bucket,
 * restricted to the same prefix: without it S3 answers a missing object with 403 AccessDenied instead of
 * 404 NoSuchKey, and a caller could not tell "not uploaded yet" from a fault (functions/adapters/s3-documents.ts).
 * S3 makes that check with the requested key as `s3:prefix`, so the prefix condition still holds.
 */
function grantDocumentsUnder(
  fn: LambdaFunction,
  data: DataRefs,
  access: ObjectAccess,
  prefix: string,
  why: string,
): void {
  const bucket = bucketArn(data.bucketName);
  const objects = `${bucket}/${prefix}*`;
  const actions = {
    read: ['s3:GetObject'],
    write: ['s3:PutObject'],
    readWrite: ['s3:GetObject', 's3:PutObject'],
  };
  fn.addToRolePolicy(new PolicyStatement({ actions: actions[access], resources: [objects] }));
  grantDataKey(fn, data, access, 's3');
  acknowledgeWildcardResource(roleOf(fn), objects, why);
  // A writer that never reads needs no listing: it never has to tell a missing object from a refusal.
  if (access === 'write') return;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucket],
      conditions: { StringLike: { 's3:prefix': `${prefix}*` } },
    }),
  );
}

/** Materials only (`materials/<id>`). */
export function grantDocumentsBucket(fn: LambdaFunction, data: DataRefs, access: ObjectAccess): void {
  grantDocumentsUnder(
    fn,
    data,
    access,
    MATERIALS_PREFIX,
    'Materials of the documents bucket only: their keys are generated ids (materials/<id>) that carry no personal data, created per upload, so no narrower static pattern exists. Ownership is checked on the material record before a key is presigned or read.',
  );
}

/**
 * The sealing key, for what this function does with it (sealing.ts): the IAM grant, the role tag the
 * key policy asks for, and `SEALING_KEY_ID`, which only functions that may use the key are given.
 */
export function grantSealing(fn: LambdaFunction, key: IKey, use: SealingUse): void {
  fn.addToRolePolicy(new PolicyStatement({ actions: [...SEALING_ACTIONS[use]], resources: [key.keyArn] }));
  Tags.of(roleOf(fn)).add(SEALING_TAG, use);
  fn.addEnvironment(SEALING_KEY_ENV, key.keyArn);
}

/**
 * Answering callback tasks (SendTaskSuccess/SendTaskFailure). These actions take a task token and IAM
 * defines them without resource types, so no ARN can narrow them: the statement must name `*`. It goes
 * in a policy of its own, so that its acknowledgment covers it alone and not the role's X-Ray statement.
 */
export function grantTaskResponse(fn: LambdaFunction, workflows: readonly string[]): void {
  if (workflows.length === 0) return;
  const policy = new Policy(Stack.of(fn), `${fn.node.id}TaskResponse`, {
    roles: [roleOf(fn)],
    statements: [new PolicyStatement({ actions: TASK_RESPONSE_ACTIONS, resources: ['*'] })],
  });
  acknowledge(
    policy,
    'AwsSolutions-IAM5[Resource::*]',
    `states:SendTaskSuccess and states:SendTaskFailure support no resource-level permissions (the Service Authorization Reference lists no resource type for them): a task token, not an ARN, says which task is answered. The handler answers callback tasks of ${workflows.join(', ')} only, with the token it stored for a task it has authorized the caller to answer; a token is unguessable and answers one task once.`,
  );
}

/** states:StopExecution on the executions of the named machines (a withdrawal stops its case's). */
export function grantStopExecution(fn: LambdaFunction, machineNames: readonly string[]): void {
  if (machineNames.length === 0) return;
  const executions = machineNames.map((name) => executionArnPattern(fn, name));
  fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StopExecution'], resources: executions }));
  for (const pattern of executions) {
    acknowledgeWildcardResource(
      roleOf(fn),
      pattern,
      'Executions of one registry state machine: each case runs in an execution named at run time from its id, so the policy can name the machine but not the case. The handler stops only the execution of a case the caller owns and may still withdraw.',
    );
  }
}

/** states:StartExecution on the named machines, whose ARNs come from their fixed names. */
export function grantStartExecution(fn: LambdaFunction, machineNames: readonly string[]): void {
  if (machineNames.length === 0) return;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['states:StartExecution'],
      resources: machineNames.map((name) => stateMachineArn(fn, name)),
    }),
  );
}

/** The operators' read side: list the machines' executions, describe them and read their histories. */
export function grantObserveExecutions(fn: LambdaFunction, machineNames: readonly string[]): void {
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

/** The license signing key, for what this function does with it, and `LICENSE_SIGNING_KEY_ID`. */
export function grantLicenseKey(fn: LambdaFunction, key: IKey, use: LicenseKeyUse): void {
  fn.addToRolePolicy(
    new PolicyStatement({ actions: [...LICENSE_KEY_ACTIONS[use]], resources: [key.keyArn] }),
  );
  fn.addEnvironment(LICENSE_SIGNING_KEY_ENV, key.keyArn);
}

/**
 * Re-signing a status list when it is read past half its life (the status-list route): kms:Sign with
 * the license key. Writing the list back is the route's table grant (`write: ['statusList']`), which
 * keeps this public function to status-list items (table-grants.ts).
 */
export function grantStatusListRefresh(fn: LambdaFunction, data: DataRefs): void {
  grantLicenseKey(fn, data.licenseSigningKey, 'sign');
}

/** License PDFs only (`licenses/*`): written by the issuing task, read by the PDF route. */
export function grantLicenseDocuments(fn: LambdaFunction, data: DataRefs, access: ObjectAccess): void {
  grantDocumentsUnder(
    fn,
    data,
    access,
    LICENSES_PREFIX,
    'License PDFs of the documents bucket only: keys are licenses/<creditCode>/<version>.pdf, made per enterprise and version at issuance, so no narrower static pattern exists. A license is a public document and its key carries no personal data.',
  );
}
