/**
 * The workflows: one ASL definition each (JSONPath only), read as-is by CDK (`DefinitionBody` with
 * substitutions) and by the local engine. A Task's `Resource` is a placeholder `${TaskId}`; CDK fills
 * it with the task's Lambda ARN, the local engine with a local ARN and runs the same handler in-process.
 */
import { fileURLToPath } from 'node:url';
import type { TableGrant } from './item-families.ts';

export interface TaskFunction {
  /** Source file of the handler, relative to the repository root. */
  entry: string;
  /** The exported handler. */
  export: string;
  /**
   * What the task touches, so that CDK grants exactly that and nothing undeclared: the registry table's item families, the
   * documents bucket (reading materials to verify them), the sealing key (unsealing an application to
   * judge it), the license PDFs (`licenses/` of the documents bucket; `write` is PutObject only), the
   * license signing key (kms:Sign), and the workflows it starts executions of.
   */
  grants?: {
    registryTable?: TableGrant;
    documentsBucket?: 'read' | 'readWrite';
    sealing?: boolean;
    licenseDocuments?: 'read' | 'write' | 'readWrite';
    licenseSigning?: boolean;
    /** Answers the workflow's own callback (SendTaskSuccess), when what the wait waits for came first. */
    answerOwnCallbacks?: boolean;
    /** Workflows (by name) it starts executions of: its own next generation, a reservation given back. */
    startWorkflows?: readonly string[];
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
    IndexReservedNameFunction: {
      entry: LIFECYCLE,
      export: 'indexName',
      grants: { registryTable: { read: ['reservation'], write: ['pendingStart', 'nameIndex'] } },
    },
    PlanReservationWakeFunction: {
      entry: LIFECYCLE,
      export: 'planWake',
      grants: { registryTable: { read: ['reservation'] } },
    },
    RemindHolderFunction: {
      entry: LIFECYCLE,
      export: 'remind',
      grants: { registryTable: { read: ['reservation'], write: ['reservation', 'notice'] } },
    },
    ExpireReservationFunction: {
      entry: LIFECYCLE,
      export: 'expire',
      grants: { registryTable: { read: ['reservation'], write: ['reservation', 'nameLock', 'notice'] } },
    },
    UnindexNameFunction: {
      entry: LIFECYCLE,
      export: 'unindexName',
      grants: { registryTable: { read: ['reservation'], write: ['nameIndex'] } },
    },
    ContinueReservationFunction: {
      entry: LIFECYCLE,
      export: 'continueAsNew',
      // The next generation of the same reservation's workflow: no item is read or written.
      grants: { registryTable: {}, startWorkflows: ['name-reservation'] },
    },
  },
};

const CHECKS = 'functions/tasks/registration-checks.ts';
const COMPLETION = 'functions/tasks/registration-completion.ts';
const HUMAN = 'functions/tasks/human-tasks.ts';
const LICENSE = 'functions/tasks/license.ts';

/** What issuing a license version touches: the claim, the status list, the record, its event and notice. */
const ISSUING: TableGrant = {
  read: ['license', 'registration', 'enterprise', 'statusList'],
  write: [
    'statusSequence',
    'license',
    'statusList',
    'enterprise',
    'outbox',
    'notice',
    'licenseRequest',
    'registration',
  ],
};

export const REGISTRATION_WORKFLOW: WorkflowSchema = {
  name: 'registration',
  envVar: 'REGISTRATION_STATE_MACHINE_ARN',
  definitionFile: 'workflows/registration.asl.json',
  tasks: {
    CheckApplicationFunction: {
      entry: CHECKS,
      export: 'checkApplication',
      grants: {
        registryTable: {
          read: ['registration', 'reservation', 'material'],
          write: ['registration', 'reservation', 'pendingStart', 'material'],
        },
        sealing: true,
        documentsBucket: 'read',
      },
    },
    CheckMaterialsFunction: {
      entry: CHECKS,
      export: 'checkMaterials',
      grants: {
        registryTable: { read: ['registration', 'material'], write: ['registration', 'material'] },
        documentsBucket: 'read',
      },
    },
    DecideFunction: {
      entry: CHECKS,
      export: 'decide',
      grants: { registryTable: { read: ['registration', 'nameLock', 'nameIndex'], write: ['registration'] } },
    },
    RejectRegistrationFunction: {
      entry: CHECKS,
      export: 'reject',
      grants: {
        registryTable: {
          read: ['registration', 'reservation'],
          write: [
            'registration',
            'reservation',
            'nameLock',
            'pendingStart',
            'humanTask',
            'notice',
            'nameIndex',
          ],
        },
        startWorkflows: ['name-reservation'],
      },
    },
    CompensateFunction: {
      entry: CHECKS,
      export: 'compensate',
      grants: {
        registryTable: {
          read: ['registration', 'reservation', 'enterprise'],
          write: [
            'creditCode',
            'registration',
            'reservation',
            'nameLock',
            'pendingStart',
            'humanTask',
            'nameIndex',
          ],
        },
        startWorkflows: ['name-reservation'],
      },
    },
    OpenReviewTaskFunction: {
      entry: HUMAN,
      export: 'openReview',
      grants: { registryTable: { read: ['registration'], write: ['humanTask', 'registration'] } },
    },
    EscalateReviewFunction: {
      entry: HUMAN,
      export: 'escalateReview',
      grants: { registryTable: { read: ['registration'], write: ['humanTask', 'registration'] } },
    },
    OpenSupplementTaskFunction: {
      entry: HUMAN,
      export: 'openSupplement',
      grants: { registryTable: { read: ['registration'], write: ['humanTask', 'registration', 'notice'] } },
    },
    AssignCreditCodeFunction: {
      entry: COMPLETION,
      export: 'assignCreditCode',
      grants: {
        registryTable: {
          read: ['registration'],
          write: ['creditCodeSequence', 'creditCode', 'registration'],
        },
      },
    },
    RegisterEnterpriseFunction: {
      entry: COMPLETION,
      export: 'registerEnterprise',
      grants: {
        registryTable: {
          read: ['registration'],
          write: [
            'enterprise',
            'outbox',
            'nameLock',
            'registration',
            'notice',
            'licenseRequest',
            'nameIndex',
          ],
        },
      },
    },
    IssueLicenseFunction: {
      entry: LICENSE,
      export: 'issueLicense',
      grants: { registryTable: ISSUING, licenseDocuments: 'write', licenseSigning: true },
    },
  },
};

const DEREGISTRATION = 'functions/tasks/deregistration.ts';

/** A deregistration's steps: the case, the enterprise it judges and moves, its notices and events. */
const STEPS: TableGrant = {
  read: ['deregistration', 'enterprise', 'registration', 'registryListEntry'],
  write: ['deregistration', 'enterprise', 'outbox', 'notice', 'pendingStart'],
};

/** The last step revokes the license too: its version, the status list, the revocation's event. */
const DEREGISTERING: TableGrant = {
  read: [...(STEPS.read ?? []), 'license', 'statusList'],
  write: [...(STEPS.write ?? []), 'license', 'statusList'],
};

export const DEREGISTRATION_WORKFLOW: WorkflowSchema = {
  name: 'deregistration',
  envVar: 'DEREGISTRATION_STATE_MACHINE_ARN',
  definitionFile: 'workflows/deregistration.asl.json',
  tasks: {
    CheckAndAnnounceFunction: {
      entry: DEREGISTRATION,
      export: 'checkAndAnnounce',
      grants: { registryTable: STEPS },
    },
    OpenObjectionWindowFunction: {
      entry: DEREGISTRATION,
      export: 'openObjectionWindow',
      grants: {
        registryTable: { read: ['deregistration'], write: ['deregistration'] },
        answerOwnCallbacks: true,
      },
    },
    CloseWindowFunction: { entry: DEREGISTRATION, export: 'closeWindow', grants: { registryTable: STEPS } },
    OpenConfirmationFunction: {
      entry: DEREGISTRATION,
      export: 'openConfirmation',
      grants: {
        registryTable: { read: ['deregistration'], write: ['deregistration'] },
        answerOwnCallbacks: true,
      },
    },
    LapseFunction: { entry: DEREGISTRATION, export: 'lapse', grants: { registryTable: STEPS } },
    DeregisterFunction: {
      entry: DEREGISTRATION,
      export: 'deregister',
      // The revocation signs the status list again (kms:Sign); it writes no document.
      grants: { registryTable: DEREGISTERING, licenseSigning: true },
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
      grants: { registryTable: ISSUING, licenseDocuments: 'write', licenseSigning: true },
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
