/**
 * The operators' view of every workflow execution, read through the Step Functions API, so the same
 * handler serves AWS and the local runtime (whose engine persists executions and answers the same calls).
 */
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { ExecutionDoesNotExist } from '@aws-sdk/client-sfn';
import { decodeCursor, encodeCursor } from '#adapters/cursor';
import { StepFunctionsObserver } from '#adapters/step-functions';
import { NotFoundError, ValidationError } from '#domain/errors';
import { httpRoute, json } from '#http/route';
import { ROUTE } from '#shared/routes';
import { WORKFLOWS, workflowOfExecution } from '#workflows/registry';

let observer: StepFunctionsObserver | undefined;
const sfn = () => (observer ??= new StepFunctionsObserver());

type Position = Record<string, string | null>;

export const listExecutions = httpRoute(ROUTE.ListExecutions, async ({ query }) => {
  const workflows = query.workflow ? WORKFLOWS.filter((w) => w.name === query.workflow) : WORKFLOWS;
  if (workflows.length === 0) {
    throw new ValidationError('unknown workflow', [
      { path: 'query.workflow', message: `known: ${WORKFLOWS.map((w) => w.name).join(', ')}` },
    ]);
  }
  // One cursor over several state machines: each keeps its own position; an exhausted one is null.
  const position = decodeCursor<Position>('executions', query.cursor) ?? {};
  const pages = await Promise.all(
    workflows
      .filter((w) => position[w.name] !== null)
      .map((w) =>
        sfn()
          .list(w, query.status, query.limit, position[w.name] ?? undefined)
          .then((p) => ({ w, ...p })),
      ),
  );
  const items = pages
    .flatMap((p) => p.items)
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
    .map((e) => ({
      id: e.executionName,
      workflow: e.workflow,
      status: e.status,
      startedAt: e.startDate.toISOString(),
      ...(e.stopDate ? { stoppedAt: e.stopDate.toISOString() } : {}),
    }));
  const next: Position = { ...position };
  for (const p of pages) next[p.w.name] = p.nextToken ?? null;
  const more = workflows.some((w) => next[w.name] !== null && next[w.name] !== undefined);
  return json(200, { items, nextCursor: more ? encodeCursor('executions', next) : null });
});

export const getExecution = httpRoute(ROUTE.GetExecution, async ({ params }) => {
  const workflow = workflowOfExecution(params.id);
  if (!workflow) throw new NotFoundError('execution');
  try {
    const { execution, events } = await sfn().describe(workflow, params.id);
    return json(200, {
      id: params.id,
      workflow: workflow.name,
      status: execution.status,
      startedAt: execution.startDate?.toISOString(),
      ...(execution.stopDate ? { stoppedAt: execution.stopDate.toISOString() } : {}),
      input: parseJson(execution.input),
      ...(execution.output ? { output: parseJson(execution.output) } : {}),
      ...(execution.error ? { error: { error: execution.error, cause: execution.cause } } : {}),
      states: statesOf(events),
    });
  } catch (error) {
    if (error instanceof ExecutionDoesNotExist) throw new NotFoundError('execution');
    throw error;
  }
});

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface StateRun {
  name: string;
  type?: string;
  enteredAt: string;
  exitedAt?: string;
  durationMs?: number;
  input?: unknown;
  output?: unknown;
  error?: { error: string; cause?: string };
}

/** Folds the history into one entry per state run: entered → (failed) → exited. */
export function statesOf(events: HistoryEvent[]): StateRun[] {
  const runs: StateRun[] = [];
  const open = new Map<string, StateRun>();
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
    } else {
      const failure =
        e.taskFailedEventDetails ?? e.lambdaFunctionFailedEventDetails ?? e.executionFailedEventDetails;
      const last = runs.at(-1);
      if (failure && last && !last.exitedAt)
        last.error = { error: failure.error ?? 'Error', ...(failure.cause ? { cause: failure.cause } : {}) };
    }
  }
  return runs;
}
