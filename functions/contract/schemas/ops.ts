import * as z from 'zod';
import { WORKFLOW_NAMES } from '#contract/workflows';

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

const Instant = z.iso.datetime({ offset: true });

export const ExecutionQuery = z.object({
  workflow: z.enum(WORKFLOW_NAMES).optional(),
  status: z.enum(EXECUTION_STATUSES).optional(),
  /** Started at or after (RFC 3339). */
  from: Instant.optional(),
  /** Started before (RFC 3339). */
  to: Instant.optional(),
  /** An application, reservation, deregistration id or a credit code the execution worked on. */
  subject: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,80}$/, 'not an id or credit code')
    .optional(),
  cursor: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ExecutionParams = z.object({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,80}$/, 'not an execution id'),
});

const ExecutionError = z.object({ error: z.string(), cause: z.string().optional() });

export const ExecutionSummary = z
  .object({
    id: z.string(),
    workflow: z.string(),
    status: z.enum(EXECUTION_STATUSES),
    startedAt: z.string(),
    stoppedAt: z.string().optional(),
    /** The ids it worked on: its case id, and the enterprise's credit code once known. */
    subjects: z.array(z.string()),
    /** What the case came to, in a few words (`approved by rules`, `rejected: name.taken`). */
    outcome: z.string().optional(),
    error: ExecutionError.optional(),
  })
  .meta({ id: 'ExecutionSummary' });

export const StateRun = z.object({
  name: z.string(),
  type: z.string().optional(),
  enteredAt: z.string(),
  exitedAt: z.string().optional(),
  durationMs: z.number().optional(),
  /** Attempts beyond the first (Retry). */
  retries: z.number().int().optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: ExecutionError.optional(),
});

export const WaitingTask = z.object({
  taskId: z.string(),
  kind: z.enum(['review', 'supplement']),
  status: z.enum(['open', 'done']),
  openedAt: z.string(),
  deadline: z.string().optional(),
  overdue: z.boolean(),
  assignee: z.string().optional(),
});

export const ExecutionDetail = ExecutionSummary.extend({
  input: z.unknown(),
  output: z.unknown().optional(),
  states: z.array(StateRun),
  /** The human tasks of its case (open ones first). */
  humanTasks: z.array(WaitingTask),
}).meta({ id: 'ExecutionDetail' });

export const WorkflowDefinition = z
  .object({
    name: z.string(),
    /** The ASL definition's states, as deployed (task resources are placeholders). */
    startAt: z.string(),
    states: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WorkflowDefinition' });

export const WorkflowDefinitionList = z.object({ items: z.array(WorkflowDefinition) });

const StatusCounts = z.object(
  Object.fromEntries(EXECUTION_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof EXECUTION_STATUSES)[number],
    z.ZodNumber
  >,
);

export const ThroughputPoint = z.object({
  /** Start of the hour (UTC). */
  at: z.string(),
  started: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
});

export const OverdueTask = z.object({
  taskId: z.string(),
  kind: z.enum(['review', 'supplement']),
  registrationId: z.string(),
  queue: z.string(),
  deadline: z.string(),
  overdueSeconds: z.number().int(),
  assignee: z.string().optional(),
});

export const OpsOverview = z
  .object({
    generatedAt: z.string(),
    workflows: z.array(
      z.object({
        workflow: z.string(),
        counts: StatusCounts,
        /** The last 24 hours, hour by hour, oldest first. */
        throughput: z.array(ThroughputPoint),
      }),
    ),
    failures: z.object({
      /** Executions that failed, timed out or were aborted in the last 24 hours. */
      last24h: z.number().int(),
      recent: z.array(ExecutionSummary),
    }),
    overdueTasks: z.object({ count: z.number().int(), oldest: z.array(OverdueTask) }),
    deliveries: z.object({
      failed: z.number().int(),
      outstanding: z.number().int(),
      oldestUnacknowledgedAgeSeconds: z.number().int().optional(),
      departments: z.array(
        z.object({
          department: z.string(),
          webhook: z.string(),
          failed: z.number().int(),
          outstanding: z.number().int(),
          oldestUnacknowledgedAgeSeconds: z.number().int().optional(),
        }),
      ),
    }),
    /** Registrations decided, per registration authority: how many on the spot (by the rules). */
    issuance: z.array(
      z.object({
        authority: z.string(),
        decided: z.number().int(),
        onTheSpot: z.number().int(),
        rate: z.number(),
      }),
    ),
  })
  .meta({ id: 'OpsOverview' });

export const OverdueTaskQuery = z.object({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
