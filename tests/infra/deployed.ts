/**
 * Every function the cloud app deploys, with what the route table or the workflow registry says it may
 * touch beyond the table: the tests' statement of who gets the materials and the sealing key.
 */
import { CLOUD_ROUTES } from '#contract/routes';
import { type TaskFunction, WORKFLOWS } from '#contract/workflows';
import type { SealingUse } from '../../infra/cloud/sealing.ts';
import { pascal } from '../../infra/cloud/workflow-stack.ts';

export interface Deployed {
  stack: 'api' | 'workflows';
  /** Logical id prefix: the route id, or the workflow's PascalCase name and the task id. */
  name: string;
  sealing?: SealingUse;
  documents?: 'read' | 'write' | 'readWrite';
  /** License PDFs under licenses/ (tests/infra/license.test.ts holds their grant). */
  licenseDocuments?: 'read' | 'write' | 'readWrite';
  /** Signs with the license key (kms:Sign), or only reads its public key (the JWKS, verification). */
  licenseKey?: 'sign' | 'publicKey';
  /** The platform-token key and the token service's configuration (tests/infra/identity.test.ts). */
  platformTokens?: 'sign' | 'publicKey' | 'issuer';
}

export const DEPLOYED: Deployed[] = [
  ...CLOUD_ROUTES.map(
    (route): Deployed => ({
      stack: 'api',
      name: route.id,
      ...(route.grants?.sealing ? { sealing: 'seal' as const } : {}),
      ...(route.grants?.documentsBucket ? { documents: route.grants.documentsBucket } : {}),
      ...(route.grants?.licenseDocuments ? { licenseDocuments: route.grants.licenseDocuments } : {}),
      ...(route.grants?.licensePublicKey ? { licenseKey: 'publicKey' as const } : {}),
      // The status list is signed again when read past half its life.
      ...(route.grants?.statusListRefresh ? { licenseKey: 'sign' as const } : {}),
      ...(route.grants?.platformTokens ? { platformTokens: route.grants.platformTokens } : {}),
    }),
  ),
  ...WORKFLOWS.flatMap((workflow) =>
    Object.entries(workflow.tasks).map(
      ([taskId, task]: [string, TaskFunction]): Deployed => ({
        stack: 'workflows',
        name: `${pascal(workflow.name)}${taskId}`,
        ...(task.grants?.sealing ? { sealing: 'unseal' as const } : {}),
        ...(task.grants?.documentsBucket ? { documents: task.grants.documentsBucket } : {}),
        ...(task.grants?.licenseDocuments ? { licenseDocuments: task.grants.licenseDocuments } : {}),
        ...(task.grants?.licenseSigning ? { licenseKey: 'sign' as const } : {}),
      }),
    ),
  ),
  // The scheduled sweep of owed workflow starts (tests/infra/sweep.test.ts holds its grants).
  { stack: 'workflows', name: 'SweepOwedStarts' },
  // The execution index's writer, fed by EventBridge (tests/infra/execution-index.test.ts).
  { stack: 'workflows', name: 'ExecutionIndex' },
];
