/**
 * The local Step Functions engine: the ASL interpreter `aws-local-stepfunctions` running the very
 * definitions CDK deploys, with each Task's `${TaskId}` resource bound to the same handler in-process.
 * Executions are recorded in the ExecutionLog; on start, those still RUNNING are started again from the
 * beginning with their original input, which the workflows are written to allow (idempotent tasks,
 * absolute deadlines).
 */
import { randomUUID } from 'node:crypto';
import { ExecutionAbortedError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { logger } from '#adapters/logger';
import { definitionWithTaskArns } from '#contract/definition';
import type { WorkflowSchema } from '#contract/workflows';
import { invoke } from '../lambda.ts';
import type { ExecutionLog, ExecutionRecord } from './execution-log.ts';
import { type HistoryEventRecord, toHistory } from './history.ts';

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';
/** Node fires any timer longer than this after 1 ms: a definition must not ask for one. */
const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export class SfnError extends Error {
  constructor(
    public readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface Machine {
  workflow: WorkflowSchema;
  arn: string;
  definition: StateMachineDefinition;
  handlers: Record<string, (input: unknown) => Promise<unknown>>;
  /** Built once: constructing an interpreter validates the whole definition, which costs ~100 ms. */
  interpreter: StateMachine;
}

interface Running {
  record: ExecutionRecord;
  abort: () => void;
  done: Promise<void>;
  /** Resolves as soon as the execution's outcome is known, before its end is written to the log. */
  outcome: Promise<unknown>;
  /** Set when the runtime stops: the execution stays RUNNING in the log, to be resumed. */
  suspended: boolean;
}

export function stateMachineArnOf(workflow: WorkflowSchema): string {
  return `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${workflow.name}`;
}

const WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LOCAL_TIMEOUT_KEY = '__localTimeoutSeconds';

function withoutLocalKeys(input: unknown): unknown {
  if (!input || typeof input !== 'object' || !(LOCAL_TIMEOUT_KEY in input)) return input;
  const { [LOCAL_TIMEOUT_KEY]: _timeout, ...rest } = input as Record<string, unknown>;
  return rest;
}

/**
 * Callback tasks (`.waitForTaskToken`), which the interpreter does not run itself: each run of such a
 * state gets a fresh token, its function is invoked with the token in its payload (as Step Functions
 * does), and the state waits until SendTaskSuccess or SendTaskFailure names that token.
 */
export class TaskTokens {
  private readonly waiting = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  wait(token: string): Promise<unknown> {
    return new Promise((resolve, reject) => this.waiting.set(token, { resolve, reject }));
  }

  succeed(token: string, output: string): void {
    this.take(token).resolve(JSON.parse(output));
  }

  fail(token: string, error: string, cause: string): void {
    const e = new Error(cause);
    e.name = error;
    this.take(token).reject(e);
  }

  private take(token: string) {
    const w = this.waiting.get(token);
    if (!w)
      throw new SfnError(
        'TaskTimedOut',
        'Task Timed Out: the token is unknown, or its task is no longer waiting',
      );
    this.waiting.delete(token);
    return w;
  }
}

/** Reads a definition and binds `${TaskId}` placeholders to local ARNs and in-process handlers. */
export function loadDefinition(
  workflow: WorkflowSchema,
  tokens = new TaskTokens(),
): Omit<Machine, 'arn' | 'interpreter'> {
  // The same filling CDK does (one function), with local function ARNs that name each task.
  const localArns = Object.fromEntries(
    Object.keys(workflow.tasks).map((taskId) => [
      taskId,
      `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${taskId}`,
    ]),
  );
  const text = definitionWithTaskArns(workflow, localArns, { partition: 'aws' });
  const definition = JSON.parse(text) as StateMachineDefinition;
  if ((definition.TimeoutSeconds ?? 0) > MAX_TIMER_SECONDS) {
    throw new Error(
      `${workflow.definitionFile}: TimeoutSeconds above ${MAX_TIMER_SECONDS} would fire at once in Node's timers`,
    );
  }
  const handlers: Machine['handlers'] = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') continue;
    // Step Functions reads TimeoutSecondsPath from the state's input; the interpreter reads it from the
    // effective parameters. Carry the value into the parameters under a private key, and strip it again.
    if (state.TimeoutSecondsPath && state.Parameters && typeof state.Parameters === 'object') {
      state.Parameters = {
        ...(state.Parameters as object),
        [`${LOCAL_TIMEOUT_KEY}.$`]: state.TimeoutSecondsPath,
      };
      state.TimeoutSecondsPath = `$.${LOCAL_TIMEOUT_KEY}`;
    }
    const callback = state.Resource === WAIT_FOR_TOKEN;
    const target = callback
      ? String((state.Parameters as { FunctionName?: unknown } | undefined)?.FunctionName ?? '')
      : state.Resource;
    const taskId = target.split(':function:')[1];
    const ref = taskId ? workflow.tasks[taskId] : undefined;
    if (!ref)
      throw new Error(`${workflow.definitionFile}: state ${stateName} has no local handler for ${target}`);
    if (!state.TimeoutSeconds && !state.TimeoutSecondsPath) {
      throw new Error(`${workflow.definitionFile}: Task ${stateName} needs TimeoutSeconds`);
    }
    handlers[stateName] = callback
      ? async (input) => {
          const token = `${randomUUID()}${randomUUID()}`.replaceAll('-', '');
          const waiting = tokens.wait(token);
          await invoke(ref, { ...((input as { Payload?: object }).Payload ?? {}), taskToken: token }, 30_000);
          return waiting;
        }
      : (input) => invoke(ref, withoutLocalKeys(input), (state.TimeoutSeconds ?? 60) * 1000);
  }
  return { workflow, definition, handlers };
}

export class LocalStepFunctions {
  private readonly machines = new Map<string, Machine>();
  private readonly running = new Map<string, Running>();
  private stopping = false;

  readonly tokens = new TaskTokens();

  constructor(private readonly log: ExecutionLog) {}

  register(workflow: WorkflowSchema): string {
    const arn = stateMachineArnOf(workflow);
    const loaded = loadDefinition(workflow, this.tokens);
    const interpreter = new StateMachine(loaded.definition, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
    this.machines.set(arn, { ...loaded, arn, interpreter });
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
    const existing = this.running.get(executionArn)?.record ?? (await this.log.get(executionArn));
    if (existing) {
      // Step Functions' own idempotency: the same name and input of a running execution is that execution.
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name,
      status: 'RUNNING',
      input,
      startDate: Date.now() / 1000,
      attempts: 1,
    };
    await this.log.started(record);
    this.launch(machine, record, 0);
    return record;
  }

  private launch(machine: Machine, record: ExecutionRecord, firstEventId: number): void {
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
    let id = firstEventId;
    const consume = (async () => {
      for await (const event of execution.eventLogs) {
        const events: HistoryEventRecord[] = toHistory(event).map((e) => ({
          ...e,
          id: ++id,
          previousEventId: id - 1,
        }));
        this.log.append(record.executionArn, events);
      }
    })();
    const entry: Running = {
      record,
      abort: execution.abort,
      suspended: false,
      done: Promise.resolve(),
      outcome: execution.result.catch(() => undefined),
    };
    entry.done = (async () => {
      try {
        const output = await execution.result;
        Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) });
      } catch (error) {
        if (entry.suspended) return;
        if (error instanceof ExecutionAbortedError) Object.assign(record, { status: 'ABORTED' });
        else if ((error as Error).name === 'ExecutionTimeoutError')
          Object.assign(record, { status: 'TIMED_OUT' });
        else {
          const cause = (error as Error & { cause?: { name?: string; message?: string } }).cause;
          Object.assign(record, {
            status: 'FAILED',
            error: cause?.name ?? (error as Error).name,
            cause: cause?.message ?? (error as Error).message,
          });
        }
      } finally {
        await consume.catch(() => undefined);
        this.running.delete(record.executionArn);
      }
      if (entry.suspended) return;
      record.stopDate = Date.now() / 1000;
      await this.log.finished(record);
      if (record.status !== 'SUCCEEDED')
        logger.warn('execution ended', {
          execution: record.name,
          status: record.status,
          error: record.error,
        });
    })().catch((error) =>
      logger.error('could not record the end of an execution', {
        execution: record.name,
        error: error as Error,
      }),
    );
    this.running.set(record.executionArn, entry);
  }

  async describe(executionArn: string): Promise<ExecutionRecord> {
    const record = this.running.get(executionArn)?.record ?? (await this.log.get(executionArn));
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
    const entry = this.running.get(executionArn);
    if (!entry) await this.describe(executionArn);
    entry?.abort();
    await entry?.done;
    return Date.now() / 1000;
  }

  /** Starts again every execution the log still has as RUNNING (the process stopped or crashed). */
  async resume(): Promise<number> {
    const stale = await this.log.running();
    for (const record of stale) {
      const machine = this.machines.get(record.stateMachineArn);
      if (!machine || this.running.has(record.executionArn)) continue;
      const { lastChunk, events } = await this.log.history(record.executionArn);
      const resumed = { ...record, attempts: (record.attempts ?? 1) + 1 };
      await this.log.started(resumed, lastChunk);
      this.launch(machine, resumed, events.at(-1)?.id ?? 0);
    }
    return stale.length;
  }

  /** Suspends the running executions (they stay RUNNING, to be resumed) and flushes the log. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    const entries = [...this.running.values()];
    for (const entry of entries) {
      entry.suspended = true;
      entry.abort();
    }
    await Promise.all(entries.map((e) => e.done));
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
