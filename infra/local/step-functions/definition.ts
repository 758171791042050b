/**
 * A workflow's definition as the local engine runs it: the ASL file CDK deploys, its `${TaskId}`
 * placeholders bound to local ARNs and each Task state to the same handler in-process; callback tasks
 * (`.waitForTaskToken`) emulated with tokens of our own (TaskTokens).
 */
import { randomUUID } from 'node:crypto';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { definitionWithTaskArns } from '#contract/definition';
import type { WorkflowSchema } from '#contract/workflows';
import { invoke } from '../lambda.ts';

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

export const WAIT_FOR_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
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

export interface LoadedDefinition {
  workflow: WorkflowSchema;
  definition: StateMachineDefinition;
  handlers: Record<string, (input: unknown) => Promise<unknown>>;
}

/** Reads a definition and binds `${TaskId}` placeholders to local ARNs and in-process handlers. */
export function loadDefinition(workflow: WorkflowSchema, tokens = new TaskTokens()): LoadedDefinition {
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
  const handlers: LoadedDefinition['handlers'] = {};
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
