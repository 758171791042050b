/**
 * A workflow engine that records what it is asked (starts, stops, task answers) for tests to inspect,
 * with hooks through which a scenario test routes them into a local interpreter; and the operators'
 * observer, fed with executions by whoever runs them.
 */
import { WORKFLOWS } from '#contract/workflows';
import type { Clock } from '#ports/clock';
import type { ExecutionDetail, ExecutionObserver, ExecutionStatus, ExecutionSummary } from '#ports/observer';
import type { WorkflowEngine } from '#ports/workflows';
import { pageOf } from './paging.ts';
import { clone } from './registry.ts';

export interface StartedExecution {
  workflow: string;
  executionName: string;
  input: Record<string, unknown>;
}

export type StartHook = (workflow: string, executionName: string, input: Record<string, unknown>) => void;

const executionKey = (workflow: string, executionName: string) => `${workflow}/${executionName}`;

export class MemoryExecutionObserver implements ExecutionObserver {
  private readonly executions = new Map<string, ExecutionDetail>();

  /** Records an execution, or its new state (the same workflow and name replace the earlier record). */
  record(detail: ExecutionDetail): void {
    this.executions.set(executionKey(detail.workflow, detail.executionName), clone(detail));
  }

  async describe(workflow: string, executionName: string): Promise<ExecutionDetail | undefined> {
    known(workflow);
    const found = this.executions.get(executionKey(workflow, executionName));
    return found ? clone(found) : undefined;
  }

  /** An execution stopped by the engine: aborted, if it was still running. */
  aborted(workflow: string, executionName: string, at: Date, cause: string): void {
    const found = this.executions.get(executionKey(workflow, executionName));
    if (found?.status !== 'RUNNING') return;
    Object.assign(found, { status: 'ABORTED', stopDate: at, error: { error: 'States.Aborted', cause } });
  }

  has(workflow: string, executionName: string): boolean {
    return this.executions.has(executionKey(workflow, executionName));
  }
}

export interface RecordingEngineOptions {
  clock: Clock;
  /** Told of each start (RUNNING) and stop (ABORTED), as Step Functions' own history would show them. */
  observer?: MemoryExecutionObserver;
  onStart?: StartHook;
}

export class RecordingWorkflowEngine implements WorkflowEngine {
  readonly started: StartedExecution[] = [];
  readonly stopped: { workflow: string; executionName: string; cause: string }[] = [];
  readonly taskSuccesses: { token: string; output: Record<string, unknown> }[] = [];
  /** Called once per new execution, after it is recorded: a scenario test runs it from here. */
  onStart: StartHook | undefined;
  /** Called with each task answer: a scenario test hands it to the waiting execution from here. */
  onTaskSuccess: ((token: string, output: Record<string, unknown>) => void) | undefined;
  onStop: ((workflow: string, executionName: string, cause: string) => void) | undefined;

  constructor(private readonly options: RecordingEngineOptions) {
    this.onStart = options.onStart;
  }

  async start(workflow: string, executionName: string, input: Record<string, unknown>) {
    known(workflow);
    // Names make a start idempotent, as in Step Functions: the same name starts one execution.
    if (this.started.some((s) => s.workflow === workflow && s.executionName === executionName))
      return { executionId: executionName };
    this.started.push({ workflow, executionName, input: clone(input) });
    const { observer, clock } = this.options;
    if (observer && !observer.has(workflow, executionName))
      observer.record({
        executionName,
        workflow,
        status: 'RUNNING',
        startDate: clock.now(),
        input,
        states: [],
      });
    this.onStart?.(workflow, executionName, clone(input));
    return { executionId: executionName };
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<'answered' | 'gone'> {
    // A token answers once, as Step Functions' does; a repeat finds nothing waiting.
    if (this.taskSuccesses.some((t) => t.token === token)) return 'gone';
    this.taskSuccesses.push({ token, output: clone(output) });
    this.onTaskSuccess?.(token, clone(output));
    return 'answered';
  }

  async stop(workflow: string, executionName: string, cause: string): Promise<void> {
    known(workflow);
    this.stopped.push({ workflow, executionName, cause });
    this.options.observer?.aborted(workflow, executionName, this.options.clock.now(), cause);
    this.onStop?.(workflow, executionName, cause);
  }

  /** Inspection: the starts of one workflow, in order. */
  startsOf(workflow: string): StartedExecution[] {
    return clone(this.started.filter((s) => s.workflow === workflow));
  }
}

/** As the Step Functions adapter: a workflow the contract does not list is a bug in the caller. */
function known(workflow: string): void {
  if (!WORKFLOWS.some((w) => w.name === workflow)) throw new RangeError(`unknown workflow '${workflow}'`);
}
