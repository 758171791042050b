/**
 * The operators' view of every workflow execution, through the execution-observer port: one cursor over
 * several state machines (each keeps its own position; an exhausted one is null).
 */
import { WORKFLOWS, workflowOfExecution } from '#contract/workflows';
import { NotFoundError, ValidationError } from '#domain/errors';
import type { ExecutionStatus } from '#ports/observer';
import type { Ports } from '#ports/ports';

/**
 * Where each workflow's listing stands: the page token it reads (undefined for the first page), and how
 * many of that page's items were already answered; null once exhausted.
 */
export type Position = Record<string, { token?: string; skip: number } | null>;

/**
 * Executions of every workflow (or of one), newest first, at most `limit` per page: each workflow's next
 * items are read, merged by start time, and each keeps its place in the cursor, part-read pages included.
 */
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
      .map(async (w) => {
        const at = position[w.name] ?? { skip: 0 };
        const page = await ports.observer.list(w.name, query.status, query.limit + at.skip, at.token);
        return { w, at, items: page.items.slice(at.skip), nextToken: page.nextToken };
      }),
  );
  const items = pages
    .flatMap((p) => p.items)
    .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
    .slice(0, query.limit);
  const next: Position = { ...position };
  for (const p of pages) {
    const taken = p.items.filter((e) => items.includes(e)).length;
    next[p.w.name] =
      taken < p.items.length
        ? { ...(p.at.token ? { token: p.at.token } : {}), skip: p.at.skip + taken }
        : p.nextToken
          ? { token: p.nextToken, skip: 0 }
          : null;
  }
  const more = workflows.some((w) => next[w.name] !== null);
  return { items, next: more ? next : null };
}

export async function getExecution(ports: Pick<Ports, 'observer'>, id: string) {
  const workflow = workflowOfExecution(id);
  const detail = workflow ? await ports.observer.describe(workflow.name, id) : undefined;
  if (!detail) throw new NotFoundError('execution');
  return detail;
}
