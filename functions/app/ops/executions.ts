/**
 * The operators' view of every workflow execution, through the execution-observer port: one cursor over
 * several state machines (each keeps its own position; an exhausted one is null).
 */
import { WORKFLOWS, workflowOfExecution } from '#contract/workflows';
import { NotFoundError, ValidationError } from '#domain/errors';
import type { ExecutionStatus } from '#ports/observer';
import type { Ports } from '#ports/ports';

export type Position = Record<string, string | null>;

export async function listExecutions(
  ports: Pick<Ports, 'observer'>,
  query: { workflow?: string | undefined; status?: ExecutionStatus | undefined; limit: number },
  position: Position,
) {
  const workflows = query.workflow ? WORKFLOWS.filter((w) => w.name === query.workflow) : WORKFLOWS;
  if (workflows.length === 0) {
    throw new ValidationError('unknown workflow', [
      { path: 'query.workflow', message: `known: ${WORKFLOWS.map((w) => w.name).join(', ')}` },
    ]);
  }
  const pages = await Promise.all(
    workflows
      .filter((w) => position[w.name] !== null)
      .map((w) =>
        ports.observer
          .list(w.name, query.status, query.limit, position[w.name] ?? undefined)
          .then((p) => ({ w, ...p })),
      ),
  );
  const items = pages.flatMap((p) => p.items).sort((a, b) => b.startDate.getTime() - a.startDate.getTime());
  const next: Position = { ...position };
  for (const p of pages) next[p.w.name] = p.nextToken ?? null;
  const more = workflows.some((w) => next[w.name] !== null && next[w.name] !== undefined);
  return { items, next: more ? next : null };
}

export async function getExecution(ports: Pick<Ports, 'observer'>, id: string) {
  const workflow = workflowOfExecution(id);
  const detail = workflow ? await ports.observer.describe(workflow.name, id) : undefined;
  if (!detail) throw new NotFoundError('execution');
  return detail;
}
