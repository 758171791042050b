import type { HumanTask, TaskKind } from '#domain/human-task';
import type { Page } from './page.ts';

export interface HumanTaskStore {
  /**
   * Opens the task, or gives an open one its new token and deadline (a restarted execution, the wait
   * again after an escalation): the escalation and the assignee stay.
   */
  open(task: Omit<HumanTask, 'status'>): Promise<void>;
  get(taskId: string): Promise<HumanTask | undefined>;
  listOpen(
    kind: TaskKind,
    queue: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<HumanTask>>;
  /** Open tasks whose deadline passed before `now`, the longest overdue first. */
  listOverdue(now: Date, cursor: string | undefined, limit: number): Promise<Page<HumanTask>>;
  /** Closes an open task with its decision; false when it was already done. */
  close(taskId: string, decision: string, at: Date): Promise<boolean>;
  /**
   * The examiners an authority's queue has seen at work (each one that listed or decided its reviews):
   * a task is assigned only to one of them.
   */
  noteExaminer(queue: string, examiner: string): Promise<void>;
  knowsExaminer(queue: string, examiner: string): Promise<boolean>;
  /** Sets an open task's field; false when it is no longer open. */
  update(taskId: string, field: 'assignee' | 'escalatedAt', value: string): Promise<boolean>;
}
