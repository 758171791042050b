/**
 * The sweep of owed workflow starts (ports/start-ledger.ts): a case whose write committed but whose
 * workflow was never started (the start failed, or the process died between the two) is started here.
 * Starting is idempotent by execution name, so a start the workflow already had changes nothing; each
 * start is then settled. Locally it runs once at boot, in the cloud on a schedule.
 */
import type { Ports } from '#ports/ports';
import type { OwedStart } from '#ports/start-ledger';

export interface SweepOptions {
  /** Only starts owed for longer than this: younger ones are most likely being started right now. */
  olderThanMs?: number;
  /** Starts read per page. */
  limit?: number;
}

export interface SweepResult {
  /** Starts made (a start of an execution that already existed counts: the engine cannot tell). */
  started: number;
  settled: number;
  /** Starts that failed: left owed for the next sweep. */
  failed: number;
  /** The first failures' executions and errors, for the log. */
  failures: { executionName: string; error: string }[];
}

const FAILURES_KEPT = 10;

export async function sweepOwedStarts(
  ports: Pick<Ports, 'startLedger' | 'workflows' | 'clock'>,
  { olderThanMs = 60_000, limit = 100 }: SweepOptions = {},
): Promise<SweepResult> {
  const before = new Date(ports.clock.now().getTime() - olderThanMs);
  const result: SweepResult = { started: 0, settled: 0, failed: 0, failures: [] };
  for (;;) {
    const page = await ports.startLedger.owed(before, limit);
    const settledBefore = result.settled;
    for (const start of page) await sweepOne(ports, start, result);
    // A failed start stays owed and comes back on the next page: go on only while pages make progress,
    // so starts that keep failing are left for the next sweep instead of read again and again.
    if (page.length < limit || result.settled === settledBefore) return result;
  }
}

async function sweepOne(
  ports: Pick<Ports, 'startLedger' | 'workflows'>,
  start: OwedStart,
  result: SweepResult,
): Promise<void> {
  try {
    await ports.workflows.start(start.workflow, start.executionName, start.input);
    result.started++;
    await ports.startLedger.settle(start);
    result.settled++;
  } catch (error) {
    result.failed++;
    if (result.failures.length < FAILURES_KEPT)
      result.failures.push({ executionName: start.executionName, error: (error as Error).name });
  }
}
