/**
 * The operators' view of every workflow execution: lists from the platform's execution index (by
 * workflow, status, start time or the case worked on), one execution's states from the engine's history
 * through the observer port, with the human tasks of its case. Identity numbers are masked.
 */
import { workflowOfExecution } from '#contract/executions';
import { WORKFLOWS } from '#contract/workflows';
import { NotFoundError, ValidationError } from '#domain/errors';
import type { ExecutionEntry, IndexedStatus } from '#domain/ops/execution-index';
import { redact } from '#domain/ops/redact';
import { humanTaskIds } from '#domain/registration/lifecycle';
import { listingKey } from '#ports/executions';
import type { Ports } from '#ports/ports';

export interface ExecutionFilter {
  workflow?: string | undefined;
  status?: IndexedStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  subject?: string | undefined;
  limit: number;
}

/** Where each workflow's listing stands: the key of the last entry shown (undefined: from the newest), null once exhausted. */
export type Position = Record<string, string | null | undefined>;

/** The position's key when listing one case's executions. */
const SUBJECT = '@subject';
const SUBJECT_MAX = 200;
const LISTING_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9A-Za-z_-]{1,80}$/;

/** A cursor's position names only the listings of this query, each at a key a listing gave out. */
function checkPosition(position: Position, known: string[]): void {
  const ok = Object.entries(position).every(
    ([k, v]) => known.includes(k) && (v === null || (typeof v === 'string' && LISTING_KEY.test(v))),
  );
  if (!ok)
    throw new ValidationError('the cursor is not one this list gave out', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
}

const instant = (t: string | undefined) => (t ? new Date(t).toISOString() : undefined);

/**
 * Executions newest first, at most `limit` a page. By subject: the few that worked on that case. Else
 * each workflow's listing is read from its place in the cursor and the pages merged by start time; each
 * workflow's place moves to the last of its entries shown, so nothing is skipped or shown twice.
 */
export async function listExecutions(
  ports: Pick<Ports, 'executions'>,
  filter: ExecutionFilter,
  position: Position,
): Promise<{ items: ExecutionEntry[]; next: Position | null }> {
  const from = instant(filter.from);
  const to = instant(filter.to);
  if (from && to && from >= to)
    throw new ValidationError('the time range is empty', [
      { path: 'query.to', message: 'must be after `from`' },
    ]);
  checkPosition(position, filter.subject ? [SUBJECT] : WORKFLOWS.map((w) => w.name));
  if (filter.subject) {
    // A case has a few executions: read them all (at most SUBJECT_MAX), page through them here.
    const after = position[SUBJECT];
    const matching = (await ports.executions.bySubject(filter.subject, SUBJECT_MAX)).filter(
      (e) =>
        (!filter.workflow || e.workflow === filter.workflow) &&
        (!filter.status || e.status === filter.status) &&
        (!from || e.startedAt >= from) &&
        (!to || e.startedAt < to) &&
        (!after || listingKey(e) < after),
    );
    const items = matching.slice(0, filter.limit);
    const last = items.at(-1);
    return { items, next: matching.length > items.length && last ? { [SUBJECT]: listingKey(last) } : null };
  }
  const workflows = WORKFLOWS.filter((w) => !filter.workflow || w.name === filter.workflow);
  const pages = await Promise.all(
    workflows
      .filter((w) => position[w.name] !== null)
      .map(async (w) => ({
        workflow: w.name,
        page: await ports.executions.list(
          { workflow: w.name, status: filter.status, from, to, before: position[w.name] ?? undefined },
          filter.limit,
        ),
      })),
  );
  const items = pages
    .flatMap((p) => p.page.items)
    .sort((a, b) => (listingKey(a) < listingKey(b) ? 1 : -1))
    .slice(0, filter.limit);
  const next: Position = { ...position };
  for (const { workflow, page } of pages) {
    const shown = page.items.filter((e) => items.includes(e));
    const last = shown.at(-1);
    if (last) next[workflow] = listingKey(last);
    if (shown.length === page.items.length && !page.more) next[workflow] = null;
  }
  const more = workflows.some((w) => next[w.name] !== null);
  return { items, next: more ? next : null };
}

/** The human tasks a registration opened, round by round (their ids are its id and round). */
async function tasksOf(ports: Pick<Ports, 'registrations' | 'humanTasks'>, registrationId: string) {
  const record = await ports.registrations.get(registrationId);
  if (!record) return [];
  const ids = Array.from({ length: record.reviewRound + 1 }, (_, round) =>
    humanTaskIds.ofRound(registrationId, round),
  ).flat();
  return (await Promise.all(ids.map((t) => ports.humanTasks.get(t)))).flatMap((t) => t ?? []);
}

export async function getExecution(
  ports: Pick<Ports, 'observer' | 'executions' | 'humanTasks' | 'registrations' | 'clock'>,
  id: string,
) {
  const workflow = workflowOfExecution(id);
  if (!workflow) throw new NotFoundError('execution');
  const [detail, entry] = await Promise.all([
    ports.observer.describe(workflow.name, id),
    ports.executions.get(id),
  ]);
  if (!detail) throw new NotFoundError('execution');
  const [, caseId] = id.split('--');
  const tasks = workflow.name === 'registration' && caseId ? await tasksOf(ports, caseId) : [];
  const now = ports.clock.now();
  return redact({
    ...detail,
    subjects: entry?.subjects ?? (caseId ? [caseId] : []),
    ...(entry?.outcome ? { outcome: entry.outcome } : {}),
    humanTasks: tasks
      .map((t) => ({
        taskId: t.taskId,
        kind: t.kind,
        status: t.status,
        openedAt: t.createdAt,
        ...(t.deadline ? { deadline: t.deadline } : {}),
        overdue:
          t.status === 'open' &&
          Boolean((t.dueAt ?? t.deadline) && Date.parse((t.dueAt ?? t.deadline)!) < now.getTime()),
        ...(t.assignee ? { assignee: t.assignee } : {}),
      }))
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1)),
  });
}
