/**
 * The workflows: one ASL definition each (JSONPath only), read as-is by CDK (`DefinitionBody` with
 * substitutions) and by the local engine. A Task's `Resource` is a placeholder `${TaskId}`; CDK fills
 * it with the task's Lambda ARN, the local engine with a local ARN and runs the same handler in-process.
 */
import { fileURLToPath } from 'node:url';

export interface TaskFunction {
  /** Source file of the handler, relative to the repository root. */
  entry: string;
  /** The exported handler. */
  export: string;
  /**
   * What the task touches beyond the registry table (which every task reads and writes), so that CDK
   * grants exactly that: the documents bucket (reading materials to verify them), the sealing key
   * (unsealing an application to judge it), sending results to callback tasks of other workflows, the
   * license PDFs (`licenses/` of the documents bucket) and the license signing key (kms:Sign).
   */
  grants?: {
    documentsBucket?: 'read' | 'readWrite';
    sealing?: boolean;
    licenseDocuments?: 'read' | 'readWrite';
    licenseSigning?: boolean;
    /** Answers the workflow's own callback (SendTaskSuccess), when what the wait waits for came first. */
    answerOwnCallbacks?: boolean;
  };
}

export interface WorkflowSchema {
  /** Stable name: the prefix of every execution name, so an execution id says which workflow it is. */
  name: string;
  /** The environment variable through which handlers learn the state machine's ARN. */
  envVar: string;
  definitionFile: string;
  /** Every `${TaskId}` placeholder in the definition, with the handler behind it. */
  tasks: Readonly<Record<string, TaskFunction>>;
}

const LIFECYCLE = 'functions/tasks/reservation-lifecycle.ts';

export const NAME_RESERVATION_WORKFLOW: WorkflowSchema = {
  name: 'name-reservation',
  envVar: 'NAME_RESERVATION_STATE_MACHINE_ARN',
  definitionFile: 'workflows/name-reservation.asl.json',
  tasks: {
    IndexReservedNameFunction: { entry: LIFECYCLE, export: 'indexName' },
    PlanReservationWakeFunction: { entry: LIFECYCLE, export: 'planWake' },
    RemindHolderFunction: { entry: LIFECYCLE, export: 'remind' },
    ExpireReservationFunction: { entry: LIFECYCLE, export: 'expire' },
    UnindexNameFunction: { entry: LIFECYCLE, export: 'unindexName' },
    ContinueReservationFunction: { entry: LIFECYCLE, export: 'continueAsNew' },
  },
};

const CHECKS = 'functions/tasks/registration-checks.ts';
const COMPLETION = 'functions/tasks/registration-completion.ts';
const HUMAN = 'functions/tasks/human-tasks.ts';
const LICENSE = 'functions/tasks/license.ts';

export const REGISTRATION_WORKFLOW: WorkflowSchema = {
  name: 'registration',
  envVar: 'REGISTRATION_STATE_MACHINE_ARN',
  definitionFile: 'workflows/registration.asl.json',
  tasks: {
    CheckApplicationFunction: {
      entry: CHECKS,
      export: 'checkApplication',
      grants: { sealing: true, documentsBucket: 'read' },
    },
    CheckMaterialsFunction: { entry: CHECKS, export: 'checkMaterials', grants: { documentsBucket: 'read' } },
    DecideFunction: { entry: CHECKS, export: 'decide' },
    RejectRegistrationFunction: { entry: CHECKS, export: 'reject' },
    CompensateFunction: { entry: CHECKS, export: 'compensate' },
    OpenReviewTaskFunction: { entry: HUMAN, export: 'openReview' },
    EscalateReviewFunction: { entry: HUMAN, export: 'escalateReview' },
    OpenSupplementTaskFunction: { entry: HUMAN, export: 'openSupplement' },
    AssignCreditCodeFunction: { entry: COMPLETION, export: 'assignCreditCode' },
    RegisterEnterpriseFunction: { entry: COMPLETION, export: 'registerEnterprise' },
    IssueLicenseFunction: {
      entry: LICENSE,
      export: 'issueLicense',
      grants: { licenseDocuments: 'readWrite', licenseSigning: true },
    },
  },
};

const DEREGISTRATION = 'functions/tasks/deregistration.ts';

export const DEREGISTRATION_WORKFLOW: WorkflowSchema = {
  name: 'deregistration',
  envVar: 'DEREGISTRATION_STATE_MACHINE_ARN',
  definitionFile: 'workflows/deregistration.asl.json',
  tasks: {
    CheckAndAnnounceFunction: { entry: DEREGISTRATION, export: 'checkAndAnnounce' },
    OpenObjectionWindowFunction: {
      entry: DEREGISTRATION,
      export: 'openObjectionWindow',
      grants: { answerOwnCallbacks: true },
    },
    CloseWindowFunction: { entry: DEREGISTRATION, export: 'closeWindow' },
    OpenConfirmationFunction: {
      entry: DEREGISTRATION,
      export: 'openConfirmation',
      grants: { answerOwnCallbacks: true },
    },
    LapseFunction: { entry: DEREGISTRATION, export: 'lapse' },
    DeregisterFunction: {
      entry: DEREGISTRATION,
      export: 'deregister',
      // The revocation signs the status list again (kms:Sign); it writes no document.
      grants: { licenseSigning: true },
    },
  },
};

/**
 * A license reissued after a change of registered details (a corrected name, so far): started by the
 * change, one task that renders and signs, apart from the API function that records the change (which
 * stays small: no PDF toolkit in a route's bundle). docs/decisions/0013-e-license.md.
 */
export const LICENSE_REISSUE_WORKFLOW: WorkflowSchema = {
  name: 'license-reissue',
  envVar: 'LICENSE_REISSUE_STATE_MACHINE_ARN',
  definitionFile: 'workflows/license-reissue.asl.json',
  tasks: {
    ReissueLicenseFunction: {
      entry: LICENSE,
      export: 'reissueLicense',
      grants: { licenseDocuments: 'readWrite', licenseSigning: true },
    },
  },
};

export const WORKFLOWS: readonly WorkflowSchema[] = [
  NAME_RESERVATION_WORKFLOW,
  REGISTRATION_WORKFLOW,
  DEREGISTRATION_WORKFLOW,
  LICENSE_REISSUE_WORKFLOW,
];

/** Every workflow's name, for a query parameter that names one. */
export const WORKFLOW_NAMES = WORKFLOWS.map((w) => w.name) as [string, ...string[]];

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Execution names carry the workflow name first: `name-reservation--<reservationId>--g0`. */
export const EXECUTION_NAME_SEPARATOR = '--';

export function workflowOfExecution(executionName: string): WorkflowSchema | undefined {
  const prefix = executionName.split(EXECUTION_NAME_SEPARATOR)[0];
  return WORKFLOWS.find((w) => w.name === prefix);
}
