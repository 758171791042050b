/** One run of a state in an execution: entered → (failed) → exited. */
export interface StateRun {
  name: string;
  type?: string;
  enteredAt: string;
  exitedAt?: string;
  durationMs?: number;
  /** Attempts beyond the first (Retry). */
  retries?: number;
  input?: unknown;
  output?: unknown;
  error?: { error: string; cause?: string };
}

export type ExecutionStatus =
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABORTED'
  | 'PENDING_REDRIVE';

export interface ExecutionSummary {
  executionName: string;
  workflow: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

export interface ExecutionDetail extends ExecutionSummary {
  input: unknown;
  output?: unknown;
  error?: { error: string; cause?: string };
  states: StateRun[];
}

/**
 * The operators' read side of the workflow engine: one execution's history. Lists come from the
 * platform's own execution index (ports/executions.ts), since the engine's cannot filter by time or case.
 */
export interface ExecutionObserver {
  /** One execution with its states folded from the history; undefined when there is none. */
  describe(workflow: string, executionName: string): Promise<ExecutionDetail | undefined>;
}
