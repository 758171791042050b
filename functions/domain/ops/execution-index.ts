/**
 * The platform's own index of workflow executions (docs/decisions/0019-execution-index.md): Step Functions'
 * ListExecutions has no filter by time, case or count, so each status change of an execution is applied
 * here, and the operators' lists and counters read this instead. Status changes arrive at least once and
 * in any order (EventBridge in the cloud); applying one is therefore decided from the entry already held:
 * a repeat or a late RUNNING changes nothing, and every counter moves exactly once per real change.
 */

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type IndexedStatus = (typeof EXECUTION_STATUSES)[number];

/** A registration that ended registered: where, and whether the rules decided it on the spot. */
export interface Issuance {
  authority: string;
  onTheSpot: boolean;
}

export interface ExecutionEntry {
  name: string;
  workflow: string;
  status: IndexedStatus;
  startedAt: string;
  stoppedAt?: string;
  /** Its redrive count: a redriven execution runs again under the same name. */
  redriveCount: number;
  /** The ids it worked on (its case, the enterprise's credit code once known). */
  subjects: string[];
  outcome?: string;
  error?: { error: string; cause?: string };
  issuance?: Issuance;
}

/** One hour's counts of one workflow, keyed by the hour's start (UTC, `2026-11-26T09`). */
export interface HourlyCount {
  hour: string;
  workflow: string;
  started: number;
  succeeded: number;
  failed: number;
}

export interface IndexEffect {
  entry: ExecutionEntry;
  /** Added to the workflow's count of each status (a move is -1 and +1). */
  counts: Partial<Record<IndexedStatus, number>>;
  /** Added to hourly counts. */
  hourly: { hour: string; field: 'started' | 'succeeded' | 'failed' }[];
  /** A registered enterprise to count in its authority's issuance. */
  issuance?: Issuance;
}

const TERMINAL = new Set<IndexedStatus>(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

export const hourOf = (instant: string) => new Date(instant).toISOString().slice(0, 13);

function endingField(status: IndexedStatus): 'succeeded' | 'failed' | undefined {
  if (status === 'SUCCEEDED') return 'succeeded';
  if (status === 'FAILED' || status === 'TIMED_OUT') return 'failed';
  return undefined; // ABORTED is a withdrawal's doing, not a failure
}

function ending(change: ExecutionEntry): IndexEffect['hourly'] {
  const field = endingField(change.status);
  return field && change.stoppedAt ? [{ hour: hourOf(change.stoppedAt), field }] : [];
}

/**
 * What applying `change` to the index does, given the entry it holds (undefined: none yet); undefined
 * when it changes nothing (a repeat, a late RUNNING, a change of an earlier run than the one held).
 */
export function applyChange(
  held: ExecutionEntry | undefined,
  change: ExecutionEntry,
): IndexEffect | undefined {
  const issuance = change.status === 'SUCCEEDED' && change.issuance ? { issuance: change.issuance } : {};
  if (!held) {
    return {
      entry: change,
      counts: { [change.status]: 1 },
      hourly: [{ hour: hourOf(change.startedAt), field: 'started' }, ...ending(change)],
      ...issuance,
    };
  }
  if (change.redriveCount < held.redriveCount) return undefined;
  if (change.status === held.status) return undefined;
  // A run ended stays ended unless a redrive runs it again (a higher count).
  if (TERMINAL.has(held.status) && change.redriveCount === held.redriveCount) return undefined;
  const entry: ExecutionEntry = {
    ...held,
    ...change,
    // What the start told (its subjects) stays; an end adds what it learnt (the credit code).
    subjects: [...new Set([...held.subjects, ...change.subjects])],
  };
  if (change.status === 'RUNNING') {
    delete entry.stoppedAt;
    delete entry.error;
    delete entry.outcome;
  }
  return {
    entry,
    counts: { [held.status]: -1, [change.status]: 1 },
    hourly: ending(change),
    ...(held.status === 'SUCCEEDED' ? {} : issuance),
  };
}
