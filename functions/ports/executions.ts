import type { ExecutionEntry, HourlyCount, IndexedStatus } from '#domain/ops/execution-index';

export interface ExecutionListing {
  workflow: string;
  status?: IndexedStatus | undefined;
  /** Started at or after (RFC 3339). */
  from?: string | undefined;
  /** Started before (RFC 3339). */
  to?: string | undefined;
  /** Continues a listing: only those sorting before this entry's key (`<startedAt>#<name>`). */
  before?: string | undefined;
}

/** Where an entry sorts in its listings. */
export const listingKey = (e: Pick<ExecutionEntry, 'startedAt' | 'name'>) => `${e.startedAt}#${e.name}`;

export interface IssuanceCount {
  authority: string;
  decided: number;
  onTheSpot: number;
}

/** The platform's own index of workflow executions and their counters (domain/ops/execution-index.ts). */
export interface ExecutionIndex {
  /**
   * Applies one status change, at least once and in any order: decided from the entry held, written
   * with the counters it moves in one transaction; false when it changed nothing.
   */
  apply(change: ExecutionEntry): Promise<boolean>;
  get(name: string): Promise<ExecutionEntry | undefined>;
  /** One workflow's executions, newest first; `more` when the listing may go on after the last. */
  list(query: ExecutionListing, limit: number): Promise<{ items: ExecutionEntry[]; more: boolean }>;
  /** The executions that worked on a case or enterprise, newest first. */
  bySubject(subject: string, limit: number): Promise<ExecutionEntry[]>;
  /** Each workflow's count of executions per status. */
  counts(): Promise<Record<string, Partial<Record<IndexedStatus, number>>>>;
  /** Hourly counts of every workflow from `fromHour` to `toHour` (both `YYYY-MM-DDTHH`, inclusive). */
  hourly(fromHour: string, toHour: string): Promise<HourlyCount[]>;
  issuance(): Promise<IssuanceCount[]>;
}
