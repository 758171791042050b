/**
 * What the console reads, typed from the contract's own schemas (type-only imports: nothing of
 * functions/ reaches the browser bundle), so a change to a response shape fails `npm run typecheck`.
 */
import type { z } from 'zod';
import type { DeliverySummary, DepartmentOverview } from '#contract/schemas/departments';
import type {
  EXECUTION_STATUSES,
  ExecutionDetail as ExecutionDetailSchema,
  ExecutionSummary as ExecutionSummarySchema,
  OpsOverview as OpsOverviewSchema,
  StateRun as StateRunSchema,
  WaitingTask,
  WorkflowDefinitionList,
} from '#contract/schemas/ops';

export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export type OpsOverview = z.output<typeof OpsOverviewSchema>;
export type ExecutionSummary = z.output<typeof ExecutionSummarySchema>;
export type ExecutionDetail = z.output<typeof ExecutionDetailSchema>;
export type StateRun = z.output<typeof StateRunSchema>;
export type HumanTask = z.output<typeof WaitingTask>;
export type OverdueTask = OpsOverview['overdueTasks']['oldest'][number];
export type WorkflowDefinition = z.output<typeof WorkflowDefinitionList>['items'][number];
export type Delivery = z.output<typeof DeliverySummary>;
export type DepartmentRow = z.output<typeof DepartmentOverview>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The statuses, in the order the console shows them (the contract's list, checked by the type). */
export const STATUSES = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
] as const satisfies readonly ExecutionStatus[];

/** Fails to compile when the contract gains a status the console does not list. */
export const EVERY_STATUS_LISTED: [Exclude<ExecutionStatus, (typeof STATUSES)[number]>] extends [never]
  ? true
  : never = true;
