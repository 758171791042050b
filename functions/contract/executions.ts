import { NAME_RESERVATION_WORKFLOW, WORKFLOWS, type WorkflowSchema } from './workflows.ts';

/** Execution names carry the workflow name first: `name-reservation--<reservationId>--g0`. */
export const EXECUTION_NAME_SEPARATOR = '--';

/** The EventBridge detail type of a Step Functions execution's status change: what feeds the execution index. */
export const EXECUTION_STATUS_CHANGE = 'Step Functions Execution Status Change';

export function workflowOfExecution(executionName: string): WorkflowSchema | undefined {
  const prefix = executionName.split(EXECUTION_NAME_SEPARATOR)[0];
  return WORKFLOWS.find((w) => w.name === prefix);
}

/** `name-reservation--<id>--g<generation>`: stable, so starting it twice starts one execution. */
export function reservationExecutionName(reservationId: string, generation: number): string {
  return [NAME_RESERVATION_WORKFLOW.name, reservationId, `g${generation}`].join(EXECUTION_NAME_SEPARATOR);
}

/** `registration--<id>`: one execution per registration. */
export function registrationExecutionName(registrationId: string): string {
  return ['registration', registrationId].join(EXECUTION_NAME_SEPARATOR);
}

/**
 * `name-reservation--<id>--r<time>`: the lifecycle of a reservation given back by a registration, whose
 * first execution ended when the reservation was consumed. The time names the restore, once.
 */
export function restoredReservationExecutionName(reservationId: string, at: Date): string {
  return [NAME_RESERVATION_WORKFLOW.name, reservationId, `r${at.getTime().toString(36)}`].join(
    EXECUTION_NAME_SEPARATOR,
  );
}

/** `deregistration--<id>`: one execution per simple deregistration. */
export function deregistrationExecutionName(deregistrationId: string): string {
  return ['deregistration', deregistrationId].join(EXECUTION_NAME_SEPARATOR);
}

/**
 * `license-reissue--<creditCode>--<changeId>`: one reissue per change of registered details, named by the
 * change (a corrected name: the reservation it consumed), so a repeated start (the sweep, a repeated
 * filing) is one execution.
 */
export function licenseReissueExecutionName(creditCode: string, changeId: string): string {
  return ['license-reissue', creditCode, changeId].join(EXECUTION_NAME_SEPARATOR);
}
