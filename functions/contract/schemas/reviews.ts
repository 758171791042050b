import * as z from 'zod';
import { freeText } from './common.ts';

export const ReviewParams = z.object({
  taskId: z.string().regex(/^[0-9A-Za-z_-]{1,100}$/, 'not a review task id'),
});

export const ReviewDecisionRequest = z
  .object({
    decision: z.enum(['approve', 'reject', 'request_changes']),
    reason: freeText(2000, 'say why: the applicant and the record see it'),
  })
  .meta({ id: 'ReviewDecisionRequest' });

export const ReviewAssignRequest = z
  .object({ examiner: z.string().trim().min(1).max(128) })
  .meta({ id: 'ReviewAssignRequest' });

export const SupplementRequest = z
  .object({
    materials: z
      .array(z.string().regex(/^[0-9A-Za-z_-]{1,64}$/))
      .min(1)
      .max(100),
  })
  .meta({ id: 'SupplementRequest' });

export const ReviewTaskView = z
  .object({
    taskId: z.string(),
    registrationId: z.string(),
    name: z.string(),
    entityType: z.string(),
    round: z.number(),
    openedAt: z.string(),
    ageSeconds: z.number(),
    deadline: z.string().optional(),
    overdue: z.boolean(),
    escalated: z.boolean(),
    assignee: z.string().optional(),
  })
  .meta({ id: 'ReviewTask' });
