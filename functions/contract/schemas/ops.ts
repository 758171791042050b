import * as z from 'zod';

export const EXECUTION_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;

export const ExecutionQuery = z.object({
  workflow: z.string().max(64).optional(),
  status: z.enum(EXECUTION_STATUSES).optional(),
  cursor: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ExecutionParams = z.object({
  id: z.string().regex(/^[0-9A-Za-z_-]{1,80}$/, 'not an execution id'),
});

export const ExecutionSummary = z
  .object({
    id: z.string(),
    workflow: z.string(),
    status: z.enum(EXECUTION_STATUSES),
    startedAt: z.string(),
    stoppedAt: z.string().optional(),
  })
  .meta({ id: 'ExecutionSummary' });

export const StateRun = z.object({
  name: z.string(),
  type: z.string().optional(),
  enteredAt: z.string(),
  exitedAt: z.string().optional(),
  durationMs: z.number().optional(),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: z.object({ error: z.string(), cause: z.string().optional() }).optional(),
});

export const ExecutionDetail = ExecutionSummary.extend({
  input: z.unknown(),
  output: z.unknown().optional(),
  error: z.object({ error: z.string(), cause: z.string().optional() }).optional(),
  states: z.array(StateRun),
}).meta({ id: 'ExecutionDetail' });
