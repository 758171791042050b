/**
 * Tasks of the registration workflow's checking half: validate the state input, call the use case,
 * return what the next state needs (ids and facts, never personal data).
 */
import * as z from 'zod';
import { checkApplication, checkMaterials, decide } from '#app/registration/checks';
import { compensateRegistration, rejectRegistration } from '#app/registration/endings';
import { ENTITY_TYPES } from '#domain/entity-types';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

const Ref = z.object({ registrationId: z.string().min(1).max(64) });
const Facts = z.object({
  name: z.string().min(1).max(200),
  entityType: z.enum(ENTITY_TYPES),
  authority: z.string().regex(/^\d{6}$/),
  reservationId: z.string().min(1).max(64),
});
const Reason = z.object({
  code: z.string(),
  severity: z.enum(['block', 'warn', 'info']),
  message: z.string(),
  messageEn: z.string(),
  path: z.string(),
  basis: z.string().optional(),
});
const Assessment = z.object({
  failedRules: z.array(z.string()),
  reasons: z.array(Reason),
  rules: z.array(z.object({ id: z.string(), version: z.string() })),
  /** The approval a run started again finds on the case (app/registration/checks.ts). */
  decided: z
    .object({
      outcome: z.literal('approve'),
      by: z.enum(['rules', 'examiner']),
      rules: z.array(z.object({ id: z.string(), version: z.string() })).optional(),
      at: z.string(),
    })
    .optional(),
});

export function handlers(
  ports: Pick<
    Ports,
    | 'clock'
    | 'creditCodes'
    | 'documents'
    | 'enterprises'
    | 'humanTasks'
    | 'materials'
    | 'metrics'
    | 'nameIndex'
    | 'notifications'
    | 'registrations'
    | 'sealer'
    | 'settings'
    | 'workflows'
  >,
) {
  return {
    checkApplication: taskHandler('CheckApplication', Ref, (i) => checkApplication(ports, i.registrationId)),
    checkMaterials: taskHandler('CheckMaterials', Ref, (i) => checkMaterials(ports, i.registrationId)),
    decide: taskHandler('Decide', Ref.extend({ facts: Facts, assessment: Assessment }), (i) =>
      decide(ports, i.registrationId, i.facts, i.assessment),
    ),
    reject: taskHandler(
      'RejectRegistration',
      Ref.extend({ reason: z.enum(['decision', 'supplement-overdue']) }),
      (i) => rejectRegistration(ports, i.registrationId, i.reason),
    ),
    compensate: taskHandler('Compensate', Ref, (i) => compensateRegistration(ports, i.registrationId)),
  };
}
