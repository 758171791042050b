/**
 * Two writes, one truth: a case is written, then its workflow is started, and a crash between the two
 * would leave a case that nothing carries. So the write that creates the case also records the start it
 * owes (in the same transaction: no extra round trip), the workflow's first step or the case's next write
 * settles it, and a sweep starts whatever is still owed after a while (idempotent by execution name).
 */
import {
  deregistrationExecutionName,
  licenseReissueExecutionName,
  registrationExecutionName,
  reservationExecutionName,
} from '#contract/executions';
import {
  DEREGISTRATION_WORKFLOW,
  LICENSE_REISSUE_WORKFLOW,
  NAME_RESERVATION_WORKFLOW,
  REGISTRATION_WORKFLOW,
} from '#contract/workflows';
import type { DeregistrationRecord } from '#domain/deregistration/record';
import type { RegistrationRecord } from '#domain/registration/record';
import type { ReservationRecord } from '#domain/reservation';

/** A workflow start a committed write owes: exactly the start the use case makes after that write. */
export interface OwedStart {
  workflow: string;
  executionName: string;
  input: Record<string, unknown>;
  /** When the case was written (its reservedAt, createdAt): with the name, the marker's key. */
  since: string;
}

export interface StartLedger {
  /** Starts still owed that were recorded before `before`, oldest first, at most `limit`. */
  owed(before: Date, limit: number): Promise<OwedStart[]>;
  /** The start happened (or its workflow is running): forget it. Settling twice is not an error. */
  settle(start: Pick<OwedStart, 'since' | 'executionName'>): Promise<void>;
}

/** What reserveName starts once the reservation is written: its first generation. */
export function reservationStart(record: Pick<ReservationRecord, 'id' | 'reservedAt'>): OwedStart {
  return {
    workflow: NAME_RESERVATION_WORKFLOW.name,
    executionName: reservationExecutionName(record.id, 0),
    input: { reservationId: record.id, generation: 0, generationStartedAt: record.reservedAt },
    since: record.reservedAt,
  };
}

/** What recordRegistration starts once the registration is written. */
export function registrationStart(record: Pick<RegistrationRecord, 'id' | 'createdAt'>): OwedStart {
  return {
    workflow: REGISTRATION_WORKFLOW.name,
    executionName: registrationExecutionName(record.id),
    input: { registrationId: record.id },
    since: record.createdAt,
  };
}

/** What fileDeregistration starts once the case is written. */
export function deregistrationStart(record: Pick<DeregistrationRecord, 'id' | 'createdAt'>): OwedStart {
  return {
    workflow: DEREGISTRATION_WORKFLOW.name,
    executionName: deregistrationExecutionName(record.id),
    input: { deregistrationId: record.id },
    since: record.createdAt,
  };
}

/**
 * What a corrected name starts once written: the license reissued. Named by the reservation the change
 * consumed, so a repeated filing starts the same execution.
 */
export function licenseReissueStart(change: {
  creditCode: string;
  reservationId: string;
  at: string;
}): OwedStart {
  return {
    workflow: LICENSE_REISSUE_WORKFLOW.name,
    executionName: licenseReissueExecutionName(change.creditCode, change.reservationId),
    input: { creditCode: change.creditCode, reason: 'name corrected' },
    since: change.at,
  };
}
