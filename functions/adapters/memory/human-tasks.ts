/** The in-memory twin of dynamo-reviews.ts: human tasks, listed oldest first in their open queue. */
import type { HumanTask, TaskKind } from '#domain/human-task';
import type { HumanTaskStore } from '#ports/human-tasks';
import type { Page } from '#ports/page';
import { pageOf } from './paging.ts';
import { clone, type MemoryRegistry } from './registry.ts';

export class MemoryHumanTaskStore implements HumanTaskStore {
  constructor(private readonly registry: MemoryRegistry) {}

  async open(task: Omit<HumanTask, 'status'>): Promise<void> {
    const found = this.registry.tasks.get(task.taskId);
    // Reopening a decided review fails the Dynamo condition (an error); a supplement asked again reopens.
    if (found?.status === 'done' && found.kind !== 'supplement')
      throw new Error(`human task ${task.taskId} is done`);
    const { deadline, assignee: _a, escalatedAt: _e, decision: _d, ...fields } = clone(task);
    const next: HumanTask = {
      // The escalation and the assignee stay; the queue position (createdAt) is the first opening's.
      ...found,
      ...fields,
      status: 'open',
      createdAt: found?.createdAt ?? task.createdAt,
    };
    delete next.decision;
    if (deadline) {
      next.deadline = deadline;
      // When it fell due: the first deadline of this opening; an escalation moves `deadline` only.
      next.dueAt = found?.status === 'open' ? (found.dueAt ?? deadline) : deadline;
    } else delete next.deadline;
    this.registry.tasks.set(task.taskId, next);
  }

  async get(taskId: string): Promise<HumanTask | undefined> {
    const found = this.registry.tasks.get(taskId);
    return found ? clone(found) : undefined;
  }

  async listOpen(
    kind: TaskKind,
    queue: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<HumanTask>> {
    const open = [...this.registry.tasks.values()].filter(
      (t) => t.status === 'open' && t.kind === kind && t.queue === queue,
    );
    return pageOf(open, (t) => `${t.createdAt}#${t.taskId}`, {
      kind: `tasks-${kind}`,
      cursor,
      limit,
      order: 'oldest',
    });
  }

  async listOverdue(now: Date, cursor: string | undefined, limit: number): Promise<Page<HumanTask>> {
    const at = now.toISOString();
    const overdue = [...this.registry.tasks.values()].filter(
      (t) => t.status === 'open' && t.dueAt !== undefined && t.dueAt < at,
    );
    return pageOf(overdue, (t) => `${t.dueAt}#${t.taskId}`, {
      kind: 'tasks-overdue',
      cursor,
      limit,
      order: 'oldest',
    });
  }

  async close(taskId: string, decision: string, at: Date): Promise<boolean> {
    const found = this.registry.tasks.get(taskId);
    if (found?.status !== 'open') return false;
    Object.assign(found, { status: 'done', decision, doneAt: at.toISOString() });
    delete found.dueAt;
    return true;
  }

  async update(taskId: string, field: 'assignee' | 'escalatedAt', value: string): Promise<boolean> {
    const found = this.registry.tasks.get(taskId);
    if (found?.status !== 'open') return false;
    found[field] = value;
    return true;
  }

  private readonly roster = new Map<string, Set<string>>();

  async noteExaminer(queue: string, examiner: string): Promise<void> {
    const seen = this.roster.get(queue) ?? new Set<string>();
    seen.add(examiner);
    this.roster.set(queue, seen);
  }

  async knowsExaminer(queue: string, examiner: string): Promise<boolean> {
    return this.roster.get(queue)?.has(examiner) ?? false;
  }
}
