/** Open human tasks past their deadline: what the operators reassign (api.md, Operators). */
import type { HumanTask } from '#domain/human-task';
import type { Ports } from '#ports/ports';

export function overdueEntry(t: HumanTask, now: Date) {
  return {
    taskId: t.taskId,
    kind: t.kind,
    registrationId: t.registrationId,
    queue: t.queue,
    deadline: t.dueAt ?? t.deadline!,
    overdueSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(t.dueAt ?? t.deadline!)) / 1000)),
    ...(t.assignee ? { assignee: t.assignee } : {}),
  };
}

export async function listOverdueTasks(
  ports: Pick<Ports, 'humanTasks' | 'clock'>,
  cursor: string | undefined,
  limit: number,
) {
  const now = ports.clock.now();
  const page = await ports.humanTasks.listOverdue(now, cursor, limit);
  return { items: page.items.map((t) => overdueEntry(t, now)), nextCursor: page.nextCursor };
}
