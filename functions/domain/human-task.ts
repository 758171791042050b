import { toCstIso } from './legal-time.ts';

/**
 * Human tasks: an examiner's review, or an applicant's supplement (补正), each waiting on a workflow's
 * callback token. The token is kept with the task and never shown; callers answer a task by its id.
 */
export type TaskKind = 'review' | 'supplement';

export interface HumanTask {
  taskId: string;
  kind: TaskKind;
  registrationId: string;
  round: number;
  /** The queue it waits in: the authority scope for reviews, the owner partition for supplements. */
  queue: string;
  token: string;
  status: 'open' | 'done';
  createdAt: string;
  deadline?: string;
  /**
   * When the open task fell due: its first deadline. An escalation gives the supervisors' wait a new
   * `deadline`; the task stays overdue from this one (what the operators' overdue list measures).
   */
  dueAt?: string;
  /** Years past the last holiday calendar the deadline ran into, counted Monday to Friday. */
  calendarMissing?: number[];
  assignee?: string;
  escalatedAt?: string;
  decision?: string;
  /** What the queue shows without reading the registration: its name and entity type. */
  subject: { name: string; entityType: string };
}

/** A review's view in the examiners' queue, with its age and whether it is overdue at `now`. */
export function queueEntry(t: HumanTask, now: Date) {
  const ms = now.getTime();
  return {
    taskId: t.taskId,
    registrationId: t.registrationId,
    name: t.subject.name,
    entityType: t.subject.entityType,
    round: t.round,
    openedAt: t.createdAt,
    ageSeconds: Math.max(0, Math.round((ms - Date.parse(t.createdAt)) / 1000)),
    // A legal deadline is shown one way everywhere: RFC 3339 in Beijing time (a period ends at 24:00 CST).
    ...(t.deadline ? { deadline: toCstIso(new Date(t.deadline)) } : {}),
    overdue: Boolean(t.deadline && Date.parse(t.deadline) < ms),
    ...(t.calendarMissing?.length ? { deadlineCountedWithoutCalendar: t.calendarMissing } : {}),
    escalated: Boolean(t.escalatedAt),
    ...(t.assignee ? { assignee: t.assignee } : {}),
  };
}
