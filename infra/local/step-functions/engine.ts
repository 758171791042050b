/**
 * The local Step Functions engine: the ASL interpreter `aws-local-stepfunctions` running the very
 * definitions CDK deploys (definition.ts). Executions are recorded in the ExecutionLog; on start, those
 * still RUNNING are started again from the beginning with their original input, which the workflows are
 * written to allow (idempotent tasks, absolute deadlines). That happens in the background, after the
 * server is ready: soonest recorded deadline first, a few at a time (wake.ts).
 */
import { StateMachine } from 'aws-local-stepfunctions';
import { logger } from '#adapters/logger';
import type { WorkflowSchema } from '#contract/workflows';
import {
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  loadDefinition,
  SfnError,
  TaskTokens,
  WAIT_FOR_TOKEN,
} from './definition.ts';
import type { ExecutionLog, ExecutionRecord } from './execution-log.ts';
import type { HistoryEventRecord } from './history.ts';
import { type Machine, type Running, runExecution } from './run.ts';
import { type StatusChangeEvent, statusChangeEvent } from './status-events.ts';
import { inOrderBounded, resumeOrder, waitStatesOf } from './wake.ts';

export {
  LOCAL_ACCOUNT,
  LOCAL_REGION,
  loadDefinition,
  SfnError,
  type StatusChangeEvent,
  statusChangeEvent,
  TaskTokens,
};

/** Executions resumed at once after a restart: each re-runs its tasks until it is back in its wait. */
export const RESUME_CONCURRENCY = 8;
/** A resumed execution that has not reached a wait by then no longer holds up the next one. */
const PARK_TIMEOUT_MS = 30_000;

export function stateMachineArnOf(workflow: WorkflowSchema): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${workflow.name}`;
}

/** Step Functions' own idempotency: the same name and input of a running execution is that execution. */
function sameExecution(existing: ExecutionRecord, input: string): ExecutionRecord {
  if (existing.status === 'RUNNING' && existing.input === input) return existing;
  throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionArn}'`);
}

export class LocalStepFunctions {
  private readonly machines = new Map<string, Machine>();
  private readonly running = new Map<string, Running>();
  /** Left running by the last stop and not started again yet (resume runs in the background). */
  private readonly queued = new Map<string, ExecutionRecord>();
  private resuming: Promise<number> = Promise.resolve(0);
  private stopping = false;

  readonly tokens = new TaskTokens();

  private statusListener: ((event: StatusChangeEvent) => Promise<unknown>) | undefined;

  /**
   * Hands each start and end of an execution, as the status change event EventBridge would deliver, to
   * `listener` (the execution index's writer), off the execution's path: a failure is logged, and the
   * execution goes on.
   */
  onStatusChange(listener: (event: StatusChangeEvent) => Promise<unknown>): void {
    this.statusListener = listener;
  }

  private statusChanged(record: ExecutionRecord): void {
    const listener = this.statusListener;
    if (!listener) return;
    void listener(statusChangeEvent(record)).catch((error: Error) => {
      if (!this.stopping)
        logger.error('could not index an execution status change', { execution: record.name, error });
    });
  }

  constructor(private readonly log: ExecutionLog) {}

  register(workflow: WorkflowSchema): string {
    const arn = stateMachineArnOf(workflow);
    const loaded = loadDefinition(workflow, this.tokens);
    const interpreter = new StateMachine(loaded.definition, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
    const callbacks = new Set(
      Object.entries(loaded.definition.States)
        .filter(([, s]) => s.Type === 'Task' && s.Resource === WAIT_FOR_TOKEN)
        .map(([name]) => name),
    );
    this.machines.set(arn, {
      ...loaded,
      arn,
      interpreter,
      waits: waitStatesOf(loaded.definition),
      callbacks,
    });
    return arn;
  }

  private machine(arn: string): Machine {
    const machine = this.machines.get(arn);
    if (!machine) throw new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  async startExecution(stateMachineArn: string, name: string, input: string): Promise<ExecutionRecord> {
    if (this.stopping) throw new SfnError('ServiceUnavailable', 'the local engine is stopping');
    const machine = this.machine(stateMachineArn);
    if (!/^[0-9A-Za-z_-]{1,80}$/.test(name)) throw new SfnError('InvalidName', `Invalid Name: '${name}'`);
    try {
      JSON.parse(input);
    } catch {
      throw new SfnError('InvalidExecutionInput', 'Invalid execution input: not JSON');
    }
    const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    const running = this.known(executionArn);
    if (running) return sameExecution(running, input);
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: Date.now() / 1000,
      attempts: 1,
    };
    // One conditional write: a name used before answers with its execution instead.
    const earlier = await this.log.startedOnce(record);
    if (earlier) return sameExecution(earlier, input);
    this.statusChanged({ ...record });
    this.launch(machine, record, 0);
    return record;
  }

  private known(executionArn: string): ExecutionRecord | undefined {
    return this.running.get(executionArn)?.record ?? this.queued.get(executionArn);
  }

  private launch(machine: Machine, record: ExecutionRecord, firstEventId: number): Running {
    const entry = runExecution(machine, this.log, record, firstEventId, {
      ended: () => this.running.delete(record.executionArn),
      finished: (r) => this.statusChanged({ ...r }),
      quiet: () => this.stopping,
      exited: (arn, state) => this.exits.get(`${arn}|${state}`)?.(),
    });
    this.running.set(record.executionArn, entry);
    return entry;
  }

  private readonly exits = new Map<string, () => void>();

  /** Resolves when the execution leaves the named state (a benchmark's end of a path); set before it can. */
  stateExited(executionArn: string, state: string): Promise<void> {
    const key = `${executionArn}|${state}`;
    return new Promise((resolve) =>
      this.exits.set(key, () => {
        this.exits.delete(key);
        resolve();
      }),
    );
  }

  async describe(executionArn: string): Promise<ExecutionRecord> {
    const record = this.known(executionArn) ?? (await this.log.get(executionArn));
    if (!record) throw new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  async history(executionArn: string): Promise<HistoryEventRecord[]> {
    await this.describe(executionArn);
    return (await this.log.history(executionArn)).events;
  }

  list(stateMachineArn: string, status: string | undefined, limit: number, token?: string) {
    this.machine(stateMachineArn);
    return this.log.list(stateMachineArn, status, limit, token);
  }

  async stop(executionArn: string): Promise<number> {
    const queued = this.queued.get(executionArn);
    if (queued) {
      // Not started again yet: it ends here, without running.
      this.queued.delete(executionArn);
      Object.assign(queued, { status: 'ABORTED', stopDate: Date.now() / 1000 });
      await this.log.finished(queued);
      this.statusChanged({ ...queued });
      return queued.stopDate!;
    }
    const entry = this.running.get(executionArn);
    if (!entry) await this.describe(executionArn);
    entry?.abort();
    await entry?.done;
    return Date.now() / 1000;
  }

  /**
   * Starts again every execution the log still has as RUNNING (the process stopped or crashed), in the
   * background: soonest deadline first, `concurrency` at a time, each holding its place until it is back
   * in a wait (or ended). Resolves with how many were started again; `resumePending` tells progress.
   */
  resume(concurrency = RESUME_CONCURRENCY): Promise<number> {
    this.resuming = (async () => {
      const stale = (await this.log.running()).filter(
        (r) => this.machines.has(r.stateMachineArn) && !this.running.has(r.executionArn),
      );
      const ordered = resumeOrder(stale);
      for (const r of ordered) this.queued.set(r.executionArn, r);
      await inOrderBounded(
        ordered,
        concurrency,
        (r) => this.relaunch(r),
        () => this.stopping,
      );
      return ordered.length;
    })();
    return this.resuming;
  }

  /**
   * Hands every execution the log holds to the status listener, once per data directory: a directory from
   * before the execution index existed gets its past executions listed too. Idempotent (the index is), so
   * a crash half-way only means the next start does it again. Resolves with how many it handed over.
   */
  async backfillIndex(): Promise<number> {
    const listener = this.statusListener;
    if (!listener || (await this.log.indexed())) return 0;
    let count = 0;
    for await (const records of this.log.pages()) {
      if (this.stopping) return count;
      await Promise.all(records.map((r) => listener(statusChangeEvent(r))));
      count += records.length;
    }
    await this.log.markIndexed();
    return count;
  }

  /** Executions left running by the last stop that have not been started again yet. */
  resumePending(): number {
    return this.queued.size;
  }

  private async relaunch(record: ExecutionRecord): Promise<void> {
    if (!this.queued.has(record.executionArn)) return; // stopped while it waited its turn
    try {
      const { lastChunk, events } = await this.log.history(record.executionArn);
      if (this.stopping) return;
      const resumed = { ...record, attempts: (record.attempts ?? 1) + 1 };
      await this.log.started(resumed, lastChunk);
      if (this.stopping || !this.queued.delete(record.executionArn)) return;
      const entry = this.launch(this.machine(record.stateMachineArn), resumed, events.at(-1)?.id ?? 0);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((done) => {
        timer = setTimeout(done, PARK_TIMEOUT_MS);
        timer.unref();
      });
      await Promise.race([entry.parked, late]);
      clearTimeout(timer);
    } catch (error) {
      // It stays RUNNING in the log, so the next start tries again.
      if (!this.stopping)
        logger.error('could not resume an execution', { execution: record.name, error: error as Error });
    }
  }

  /** Suspends the running executions (they stay RUNNING, to be resumed) and flushes the log. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    const suspend = async () => {
      const entries = [...this.running.values()];
      for (const entry of entries) {
        entry.suspended = true;
        entry.abort();
      }
      await Promise.all(entries.map((e) => e.done));
    };
    await suspend();
    await this.resuming.catch(() => 0);
    await suspend(); // any a resume worker launched meanwhile
    this.queued.clear();
    await this.log.close();
  }

  /** Resolves when the execution has ended and its end is recorded (benchmarks, tests). */
  async settled(executionArn: string): Promise<ExecutionRecord> {
    await this.running.get(executionArn)?.done;
    return this.describe(executionArn);
  }

  /**
   * Resolves when the execution's last state has run (its effects are committed), without waiting for
   * the local log to record its end: what a benchmark of the workflow itself measures.
   */
  async ended(executionArn: string): Promise<void> {
    await this.running.get(executionArn)?.outcome;
  }

  runningCount(): number {
    return this.running.size;
  }
}
