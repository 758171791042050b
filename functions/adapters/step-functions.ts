/**
 * The workflow engine over the Step Functions API. The same code drives AWS and the local runtime, whose
 * Step Functions endpoint on loopback speaks the same protocol: handlers never know which one they have.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { WORKFLOWS, type WorkflowSchema } from '#contract/workflows';
import type {
  ExecutionDetail,
  ExecutionObserver,
  ExecutionStatus,
  ExecutionSummary,
  StateRun,
} from '#ports/observer';
import type { WorkflowEngine } from '#ports/workflows';
import { stepFunctionsClient } from './clients.ts';
import { requireEnv } from './config.ts';

/** What Step Functions answers for a token nothing waits on any more. */
const TOKEN_GONE = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export function stateMachineArn(workflow: WorkflowSchema): string {
  return requireEnv(workflow.envVar);
}

/** arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<name> */
export function executionArn(workflow: WorkflowSchema, executionName: string): string {
  return `${stateMachineArn(workflow).replace(':stateMachine:', ':execution:')}:${executionName}`;
}

function workflowNamed(name: string): WorkflowSchema {
  const workflow = WORKFLOWS.find((w) => w.name === name);
  if (!workflow) throw new RangeError(`unknown workflow '${name}'`);
  return workflow;
}

export class StepFunctionsEngine implements WorkflowEngine {
  constructor(private readonly sfn = stepFunctionsClient()) {}

  async start(workflow: string, executionName: string, input: Record<string, unknown>) {
    const schema = workflowNamed(workflow);
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stateMachineArn(schema),
          name: executionName,
          input: JSON.stringify(input),
        }),
      );
    } catch (error) {
      // The same name already started: with the same input Step Functions answers success itself; a
      // different input means a second attempt of the same work, which must not start twice either.
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
    return { executionId: executionName };
  }

  async sendTaskSuccess(token: string, output: Record<string, unknown>): Promise<'answered' | 'gone'> {
    try {
      await this.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }));
      return 'answered';
    } catch (error) {
      // The token answered before (a repeat) or the task's deadline passed: nothing is waiting on it.
      if (error instanceof Error && TOKEN_GONE.has(error.name)) return 'gone';
      throw error;
    }
  }

  async stop(workflow: string, executionName: string, cause: string): Promise<void> {
    try {
      await this.sfn.send(
        new StopExecutionCommand({
          executionArn: executionArn(workflowNamed(workflow), executionName),
          cause,
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionDoesNotExist)) throw error;
    }
  }
}

/** The operators' read side: executions and their histories, folded into one entry per state run. */
export class StepFunctionsObserver implements ExecutionObserver {
  constructor(private readonly sfn = stepFunctionsClient()) {}

  async describe(workflow: string, executionName: string): Promise<ExecutionDetail | undefined> {
    const arn = executionArn(workflowNamed(workflow), executionName);
    try {
      const execution = await this.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await this.sfn.send(
          new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000, nextToken }),
        );
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return {
        executionName,
        workflow,
        status: execution.status as ExecutionStatus,
        startDate: execution.startDate ?? new Date(0),
        ...(execution.stopDate ? { stopDate: execution.stopDate } : {}),
        input: parseJson(execution.input),
        ...(execution.output ? { output: parseJson(execution.output) } : {}),
        ...(execution.error
          ? { error: { error: execution.error, ...(execution.cause ? { cause: execution.cause } : {}) } }
          : {}),
        states: statesOf(events),
      };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The local engine's history event of a Retry (infra/local/step-functions/history.ts): no type of Step Functions'. */
const LOCAL_RETRY = 'TaskStateRetried' as HistoryEvent['type'];

/** Folds the history into one entry per state run: entered → (failed) → exited. */
export function statesOf(events: HistoryEvent[]): StateRun[] {
  const runs: StateRun[] = [];
  const open = new Map<string, StateRun>();
  const scheduled = new Map<StateRun, number>();
  const retried = new Map<StateRun, number>();
  for (const e of events) {
    const at = e.timestamp ? new Date(e.timestamp).toISOString() : '';
    if (e.stateEnteredEventDetails) {
      const run: StateRun = {
        name: e.stateEnteredEventDetails.name ?? '?',
        type: e.type?.replace(/StateEntered$/, ''),
        enteredAt: at,
        input: parseJson(e.stateEnteredEventDetails.input),
      };
      runs.push(run);
      open.set(run.name, run);
    } else if (e.stateExitedEventDetails) {
      const run = open.get(e.stateExitedEventDetails.name ?? '');
      if (!run) continue;
      run.exitedAt = at;
      run.durationMs = Date.parse(at) - Date.parse(run.enteredAt);
      run.output = parseJson(e.stateExitedEventDetails.output);
      open.delete(run.name);
    } else if (e.type === LOCAL_RETRY || e.type?.endsWith('Scheduled')) {
      // Step Functions schedules a task once per attempt; the local engine says each retry outright.
      const last = runs.at(-1);
      const count = e.type === LOCAL_RETRY ? retried : scheduled;
      if (last && !last.exitedAt) count.set(last, (count.get(last) ?? 0) + 1);
    } else {
      const failure =
        e.taskFailedEventDetails ?? e.lambdaFunctionFailedEventDetails ?? e.executionFailedEventDetails;
      const last = runs.at(-1);
      if (failure && last && !last.exitedAt)
        last.error = { error: failure.error ?? 'Error', ...(failure.cause ? { cause: failure.cause } : {}) };
    }
  }
  for (const run of runs) {
    const retries = (retried.get(run) ?? 0) + Math.max(0, (scheduled.get(run) ?? 0) - 1);
    if (retries > 0) run.retries = retries;
  }
  return runs;
}
