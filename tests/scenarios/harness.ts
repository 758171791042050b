/**
 * Workflow scenarios in-process: the ASL definitions CDK deploys, run by `aws-local-stepfunctions` with
 * each Task bound to its handler (infra/local's `loadDefinition`, `invoke` and `wire`) over the in-memory
 * ports. The recording workflow engine's hooks route what the application asks of Step Functions into
 * this runner: a start runs the named workflow here, a task answer resolves the waiting callback, a stop
 * aborts. Waits and retries are shortened; human-task deadlines come from the settings (`PT1S`).
 *
 * One harness at a time per test file (the handlers are wired to one `Ports`): create it in each test or
 * `beforeEach`, and `dispose()` it in `afterEach`.
 */
import {
  ExecutionAbortedError,
  type RunOptions,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { type MemoryPorts, type MemoryPortsOptions, memoryPorts } from '#adapters/memory/ports';
import { WORKFLOWS, type WorkflowSchema } from '#contract/workflows';
import type { ExecutionStatus, StateRun } from '#ports/observer';
import { wire } from '../../infra/local/lambda.ts';
import { seedEnterprises } from '../../infra/local/seed.ts';
import { loadDefinition, TaskTokens } from '../../infra/local/step-functions/engine.ts';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type Json = Record<string, unknown>;

/** A Monday (CST), so working-day deadlines and the fixtures' contribution dates read as intended. */
export const T0 = new Date('2026-03-16T02:00:00.000Z');
export const DAY = 86_400_000;

export interface HarnessOptions extends MemoryPortsOptions {
  /** Milliseconds every Wait state sleeps instead of its own time (default 20): the manual clock decides what a wake finds. */
  waitMs?: number;
  /** Milliseconds before each retry (default 1). */
  retryMs?: number;
  /** Load seeds/enterprises/sample.json into the stores and the name index, as `npm start` does (default true). */
  seed?: boolean;
}

export interface ScenarioExecution {
  workflow: string;
  name: string;
  input: Json;
  status: ExecutionStatus;
  output?: unknown;
  error?: { error: string; cause?: string };
  /** The interpreter's events, as they come. */
  events: EventLog[];
  /** Resolves (never rejects) once the execution has ended. */
  ended: Promise<ScenarioExecution>;
  abort: () => void;
}

interface Machine {
  interpreter: StateMachine;
  handlers: Record<string, (input: unknown) => Promise<unknown>>;
  waits: string[];
  retried: string[];
}

/** Shared by every harness of a worker: tokens are random, and an interpreter costs ~100 ms to build. */
const tokens = new TaskTokens();
const machines = new Map<string, Machine>();
let active: ScenarioHarness | undefined;

function machineOf(workflow: WorkflowSchema): Machine {
  let machine = machines.get(workflow.name);
  if (!machine) {
    const { definition, handlers } = loadDefinition(workflow, tokens);
    const states = Object.entries(definition.States);
    machine = {
      interpreter: new StateMachine(definition as StateMachineDefinition, {
        validationOptions: { checkArn: true, checkPaths: true },
      }),
      handlers,
      waits: states.filter(([, s]) => s.Type === 'Wait').map(([name]) => name),
      retried: states.filter(([, s]) => 'Retry' in s && s.Retry).map(([name]) => name),
    };
    machines.set(workflow.name, machine);
  }
  return machine;
}

export class ScenarioHarness {
  readonly ports: MemoryPorts;
  readonly executions = new Map<string, ScenarioExecution>();
  private readonly waitMs: number;
  private readonly retryMs: number;

  private constructor(options: HarnessOptions) {
    this.ports = memoryPorts({ now: T0, ...options });
    this.waitMs = options.waitMs ?? 20;
    this.retryMs = options.retryMs ?? 1;
    const engine = this.ports.workflows;
    engine.onStart = (workflow, name, input) => void this.start(workflow, name, input);
    engine.onTaskSuccess = (token, output) => tokens.succeed(token, JSON.stringify(output));
    engine.onStop = (_workflow, name) => this.executions.get(name)?.abort();
  }

  static async create(options: HarnessOptions = {}): Promise<ScenarioHarness> {
    if (active) throw new Error('a scenario harness is still running: dispose() it first (afterEach)');
    const harness = new ScenarioHarness(options);
    active = harness;
    wire(harness.ports);
    if (options.seed ?? true) await seedEnterprises(harness.ports);
    return harness;
  }

  /**
   * Runs an execution of `workflow` here. The application starts executions through
   * `ports.workflows.start` (which records them and calls this); a test may also start one directly.
   */
  start(workflow: string, name: string, input: Json): ScenarioExecution {
    if (this.executions.has(name)) throw new Error(`execution ${name} exists`);
    const schema = WORKFLOWS.find((w) => w.name === workflow);
    if (!schema) throw new RangeError(`unknown workflow '${workflow}'`);
    const machine = machineOf(schema);
    const startDate = this.ports.clock.now();
    const options: RunOptions = {
      overrides: {
        taskResourceLocalHandlers: machine.handlers as never,
        waitTimeOverrides: Object.fromEntries(machine.waits.map((s) => [s, this.waitMs])),
        retryIntervalOverrides: Object.fromEntries(machine.retried.map((s) => [s, this.retryMs])),
      },
      context: {
        Execution: {
          Id: `arn:aws:states:us-east-1:000000000000:execution:${workflow}:${name}`,
          Name: name,
          StartTime: startDate.toISOString(),
        },
        // `$$.Task.Token` must resolve; each callback state mints its own token (TaskTokens).
        Task: { Token: 'minted-per-callback' },
      },
    };
    const run = machine.interpreter.run(structuredClone(input) as never, options);
    const execution = { workflow, name, input, status: 'RUNNING', events: [], abort: run.abort } as Omit<
      ScenarioExecution,
      'ended'
    > as ScenarioExecution;
    const consumed = (async () => {
      for await (const event of run.eventLogs) execution.events.push(event);
    })();
    execution.ended = (async () => {
      try {
        execution.output = await run.result;
        execution.status = 'SUCCEEDED';
      } catch (error) {
        if (error instanceof ExecutionAbortedError) execution.status = 'ABORTED';
        else if ((error as Error).name === 'ExecutionTimeoutError') execution.status = 'TIMED_OUT';
        else {
          const cause = (error as Error & { cause?: { name?: string; message?: string } }).cause;
          execution.status = 'FAILED';
          execution.error = {
            error: cause?.name ?? (error as Error).name,
            cause: cause?.message ?? (error as Error).message,
          };
        }
      }
      await consumed.catch(() => undefined);
      this.observe(execution, startDate);
      return execution;
    })();
    this.executions.set(name, execution);
    return execution;
  }

  /** The execution of that name, once it exists (waiting for a start the application makes). */
  execution(name: string, timeoutMs?: number): Promise<ScenarioExecution> {
    return this.until(() => this.executions.get(name), `execution ${name} to start`, timeoutMs);
  }

  /** The execution of that name, once it has ended. */
  async ended(name: string, timeoutMs = 10_000): Promise<ScenarioExecution> {
    const execution = await this.execution(name, timeoutMs);
    await this.until(
      () => (execution.status === 'RUNNING' ? undefined : true),
      `execution ${name} to end (now in ${lastState(execution) ?? 'no state'})`,
      timeoutMs,
    );
    return execution.ended;
  }

  /** The execution, once it has entered `state` at least `times` times. */
  async entered(name: string, state: string, times = 1, timeoutMs?: number): Promise<ScenarioExecution> {
    const execution = await this.execution(name, timeoutMs);
    await this.until(
      () => (enteredCount(execution, state) >= times ? true : undefined),
      `${name} to enter ${state} ${times} time(s)`,
      timeoutMs,
    );
    return execution;
  }

  /** Polls `probe` every few milliseconds until it gives a value, or fails naming `what` at the deadline. */
  async until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await probe();
      if (found !== undefined && found !== null && found !== false) return found;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Aborts what still runs and unhooks the engine, so the next test starts clean. */
  async dispose(): Promise<void> {
    const running = [...this.executions.values()].filter((e) => e.status === 'RUNNING');
    for (const e of running) e.abort();
    await Promise.all(running.map((e) => e.ended));
    const engine = this.ports.workflows;
    engine.onStart = engine.onTaskSuccess = engine.onStop = undefined;
    if (active === this) active = undefined;
  }

  /** The operators' view of the execution, as the local runtime's history gives it. */
  private observe(e: ScenarioExecution, startDate: Date): void {
    const states: StateRun[] = [];
    for (const event of e.events) {
      if (event.type === 'StateEntered')
        states.push({
          name: event.state.name,
          type: event.state.type,
          enteredAt: new Date(event.timestamp).toISOString(),
        });
      else if (event.type === 'StateExited') {
        const run = states.findLast((s) => s.name === event.state.name && !s.exitedAt);
        if (run) run.exitedAt = new Date(event.timestamp).toISOString();
      }
    }
    this.ports.observer.record({
      executionName: e.name,
      workflow: e.workflow,
      status: e.status,
      startDate,
      stopDate: this.ports.clock.now(),
      input: e.input,
      ...(e.output !== undefined ? { output: e.output } : {}),
      ...(e.error ? { error: e.error } : {}),
      states,
    });
  }
}

/** How many times the execution entered `state`. */
export function enteredCount(e: ScenarioExecution, state: string): number {
  return e.events.filter((x) => x.type === 'StateEntered' && x.state.name === state).length;
}

/** The states entered, in order. */
export function statesEntered(e: ScenarioExecution): string[] {
  return e.events.flatMap((x) => (x.type === 'StateEntered' ? [x.state.name] : []));
}

function lastState(e: ScenarioExecution): string | undefined {
  return statesEntered(e).at(-1);
}
