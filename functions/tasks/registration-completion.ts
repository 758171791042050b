/** Tasks of the registration workflow's completing half: one credit code, then the enterprise. */
import * as z from 'zod';
import { assignCreditCode, registerEnterprise } from '#app/registration/completion';
import { ENTITY_TYPES } from '#domain/entity-types';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

const Ref = z.object({ registrationId: z.string().min(1).max(64) });
const Decision = z.object({
  outcome: z.enum(['approve', 'review', 'reject']),
  by: z.string().optional(),
  rules: z.array(z.object({ id: z.string(), version: z.string() })).default([]),
  failedRules: z.array(z.string()).default([]),
  at: z.string().default(''),
});

export function handlers(
  ports: Pick<Ports, 'clock' | 'creditCodes' | 'enterprises' | 'metrics' | 'nameIndex' | 'registrations'>,
) {
  return {
    assignCreditCode: taskHandler(
      'AssignCreditCode',
      Ref.extend({
        facts: z.object({ authority: z.string().regex(/^\d{6}$/), entityType: z.enum(ENTITY_TYPES) }),
        decision: Decision,
      }),
      (i) => assignCreditCode(ports, i.registrationId, i.facts, i.decision),
    ),
    registerEnterprise: taskHandler(
      'RegisterEnterprise',
      Ref.extend({ creditCode: z.string().length(18) }),
      (i) => registerEnterprise(ports, i.registrationId, i.creditCode),
    ),
  };
}
