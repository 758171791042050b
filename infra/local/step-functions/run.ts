/**
 * One run of one execution on the interpreter: its events written to the log (with the end of each Wait,
 * the order of resumption after a restart), the moment it sleeps, and its end recorded.
 */
import { ExecutionAbortedError, type StateMachine } from 'aws-local-stepfunctions';
import { logger } from '#adapters/logger';
import type { LoadedDefinition } from './definition.ts';
import type { ExecutionLog, ExecutionRecord } from './execution-log.ts';
import { type HistoryEventRecord, toHistory } from './history.ts';
import { type waitStatesOf, wakeAtOf } from './wake.ts';

export interface Machine extends LoadedDefinition {
  arn: string;
  /** Built once: constructing an interpreter validates the whole definition, which costs ~100 ms. */
  interpreter: StateMachine;
  waits: ReturnType<typeof waitStatesOf>;
  /** States that wait for a task token: an execution there is parked, like one in a Wait. */
  callbacks: Set<string>;
}

export interface Running {
  record: ExecutionRecord;
  abort: () => void;
  /** Resolves when the execution has ended and its end is recorded (or it was suspended). */
  done: Promise<void>;
  /** Resolves as soon as the execution's outcome is known, before its end is written to the log. */
  outcome: Promise<unknown>;
  /** Resolves when the execution sleeps (a Wait, a callback task) or has ended. */
  parked: Promise<void>;
  /** Set when the runtime stops: the execution stays RUNNING in the log, to be resumed. */
  suspended: boolean;
}

type Events = ReturnType<StateMachine['run']>['eventLogs'];

function statusOf(error: unknown): Partial<ExecutionRecord> {
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if ((error as Error).name === 'ExecutionTimeoutError') return { status: 'TIMED_OUT' };
  const cause = (error as Error & { cause?: { name?: string; message?: string } }).cause;
  return {
    status: 'FAILED',
    error: cause?.name ?? (error as Error).name,
    cause: cause?.message ?? (error as Error).message,
  };
}

/** Writes the interpreter's events to the log; notes each wait's end and when the execution sleeps. */
async function consume(
  machine: Machine,
  log: ExecutionLog,
  record: ExecutionRecord,
  events: Events,
  firstEventId: number,
  parked: () => void,
  exited?: (executionArn: string, state: string) => void,
): Promise<void> {
  let id = firstEventId;
  for await (const event of events) {
    const history: HistoryEventRecord[] = toHistory(event).map((e) => ({
      ...e,
      id: ++id,
      previousEventId: id - 1,
    }));
    log.append(record.executionArn, history);
    if (event.type === 'StateExited') exited?.(record.executionArn, event.state.name);
    if (event.type !== 'StateEntered') continue;
    if (event.state.type === 'Wait') {
      const wait = machine.waits.get(event.state.name);
      const wakeAt = wait && wakeAtOf(wait, event.state.input, event.timestamp);
      if (wakeAt !== undefined) {
        record.wakeAt = wakeAt;
        log.waiting(record);
      }
      parked();
    } else if (machine.callbacks.has(event.state.name)) parked();
  }
}

async function settle(
  entry: Running,
  log: ExecutionLog,
  result: Promise<unknown>,
  consumed: Promise<void>,
  ended: () => void,
  finished?: (record: ExecutionRecord) => void,
): Promise<void> {
  const { record } = entry;
  try {
    const output = await result;
    Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) });
  } catch (error) {
    if (!entry.suspended) Object.assign(record, statusOf(error));
  } finally {
    await consumed.catch(() => undefined);
    ended();
  }
  if (entry.suspended) return;
  record.stopDate = Date.now() / 1000;
  await log.finished(record);
  finished?.(record);
  if (record.status !== 'SUCCEEDED')
    logger.warn('execution ended', { execution: record.name, status: record.status, error: record.error });
}

/** Starts the execution on the interpreter; `ended` runs once it no longer runs (before its end is logged). */
export function runExecution(
  machine: Machine,
  log: ExecutionLog,
  record: ExecutionRecord,
  firstEventId: number,
  hooks: {
    ended: () => void;
    /** Its end is recorded: what a status change event tells. */
    finished?: (record: ExecutionRecord) => void;
    quiet: () => boolean;
    /** Each state's exit, as it happens (a benchmark times a path to the state that completes it). */
    exited?: (executionArn: string, state: string) => void;
  },
): Running {
  const execution = machine.interpreter.run(JSON.parse(record.input), {
    overrides: { taskResourceLocalHandlers: machine.handlers as never },
    context: {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        StartTime: new Date(record.startDate * 1000).toISOString(),
      },
      // `$$.Task.Token` must resolve; each callback state then mints a token of its own (TaskTokens).
      Task: { Token: 'minted-per-callback' },
    },
  });
  const parked = Promise.withResolvers<void>();
  const outcome = execution.result.catch(() => undefined);
  void outcome.then(() => parked.resolve());
  const entry: Running = {
    record,
    abort: execution.abort,
    suspended: false,
    done: Promise.resolve(),
    outcome,
    parked: parked.promise,
  };
  const consumed = consume(
    machine,
    log,
    record,
    execution.eventLogs,
    firstEventId,
    parked.resolve,
    hooks.exited,
  );
  entry.done = settle(entry, log, execution.result, consumed, hooks.ended, hooks.finished).catch((error) => {
    // At a stop, DynamoDB Local may be gone already: the log's last state is what the next start resumes.
    if (!hooks.quiet())
      logger.error('could not record the end of an execution', {
        execution: record.name,
        error: error as Error,
      });
  });
  return entry;
}
