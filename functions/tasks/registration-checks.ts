/**
 * The checking half of the registration workflow: validate, consume the reservation, check the materials,
 * decide; and the two ways a case ends early, rejection and compensation. Each task is idempotent.
 */
import { z } from 'zod';
import { applyRules, conflictsWith } from '#api/name-check';
import type { EntityType } from '#domain/entity-types';
import { cstDate } from '#domain/legal-time';
import { indexEntriesOf } from '#domain/names/index-entries';
import { verdictOf } from '#domain/names/rules';
import { validateApplication } from '#domain/registration/application';
import { materialConditionsOf, missingMaterials } from '#domain/registration/catalogue';
import { reviewTimeoutSeconds, supplementTimeoutSeconds } from '#domain/registration/deadlines';
import { decide as decideByRules } from '#domain/registration/decision';
import { timelineEntry, UNDECIDED } from '#domain/registration/record';
import type { Reason } from '#domain/registration/types';
import { reason } from '#domain/registration/types';
import { loadRegistration, registrationDeps, unsealApplication } from './registration-deps.ts';
import { taskHandler } from './task.ts';

const Ref = z.object({ registrationId: z.string().min(1).max(64) });

export const validate = taskHandler('ValidateApplication', Ref, async ({ registrationId }) => {
  const { registrations, sealer, clock } = registrationDeps();
  const record = await loadRegistration(registrationId);
  const now = clock.now();
  const app = await unsealApplication(record.sealedApplication, sealer);
  const reasons = validateApplication(app, { establishedOn: cstDate(now) });
  const blocking = reasons.filter((r) => r.severity === 'block');
  await registrations.transition(
    registrationId,
    ['submitted', 'checking'],
    'checking',
    timelineEntry('validation', blocking.length ? 'failed' : 'passed', now),
    {
      reasons,
    },
  );
  return { valid: blocking.length === 0, reasons: blocking.map((r) => r.code) };
});

export const consumeReservation = taskHandler('ConsumeReservation', Ref, async ({ registrationId }) => {
  const { registrations, clock } = registrationDeps();
  const record = await loadRegistration(registrationId);
  const now = clock.now();
  const outcome = await registrations.consumeReservation(record, now);
  const consumed = outcome !== 'unavailable';
  await registrations.transition(
    registrationId,
    ['checking'],
    'checking',
    timelineEntry('name-reservation', consumed ? 'consumed' : 'unavailable', now),
    {
      ...(consumed
        ? {}
        : {
            reasons: [
              reason(
                'reservation-unavailable',
                'block',
                'reservationId',
                '名称保留已失效或已被使用，请重新申报名称',
                'The name reservation has lapsed or was used; declare the name again',
              ),
            ],
          }),
    },
  );
  return { consumed };
});

export const checkMaterials = taskHandler('CheckMaterials', Ref, async ({ registrationId }) => {
  const { registrations, materials, sealer, clock, supplementPeriod } = registrationDeps();
  const record = await loadRegistration(registrationId);
  const app = await unsealApplication(record.sealedApplication, sealer);
  const checks = await materials.verify(record.materials, {
    sub: record.ownerSub,
    ...(record.ownerIdHash ? { idHash: record.ownerIdHash } : {}),
    ...(record.branchId ? { branchId: record.branchId } : {}),
  });
  const good = checks.filter((c) => c.ok);
  const missing = missingMaterials(record.entityType as EntityType, good, materialConditionsOf(app));
  const problems = checks.filter((c) => !c.ok);
  const now = clock.now();
  const complete = missing.length === 0 && problems.length === 0;
  const reasons: Reason[] = [
    ...missing.map((kind) =>
      reason(
        'material-missing',
        'block',
        `materials.${kind}`,
        `缺少材料：${kind}`,
        `Material missing: ${kind}`,
      ),
    ),
    ...problems.map((p) =>
      reason(
        'material-invalid',
        'block',
        `materials.${p.id}`,
        `材料 ${p.id} 无法核验：${p.problem ?? ''}`,
        `Material ${p.id} cannot be verified: ${p.problem ?? ''}`,
      ),
    ),
  ];
  await registrations.transition(
    registrationId,
    ['checking', 'changes_requested', 'in_review'],
    complete ? 'checking' : 'changes_requested',
    timelineEntry(
      'materials',
      complete ? 'complete' : 'incomplete',
      now,
      complete ? undefined : missing.concat(problems.map((p) => p.id)).join(', '),
    ),
    complete ? {} : { reasons },
  );
  return {
    complete,
    missing,
    invalid: problems.map((p) => p.id),
    supplementTimeoutSeconds: supplementTimeoutSeconds(supplementPeriod),
  };
});

export const decide = taskHandler('Decide', Ref, async ({ registrationId }) => {
  const { registrations, index, sealer, clock, reviewPeriod } = registrationDeps();
  const record = await loadRegistration(registrationId);
  const app = await unsealApplication(record.sealedApplication, sealer);
  const now = clock.now();
  // The name again, as of now, against every other name (its own reservation does not count).
  const rules = applyRules(record.name, record.authority, record.entityType as EntityType);
  const found = await index.lookup(rules.key, indexEntriesOf(rules.parts));
  const others = {
    holders: found.holders.filter((h) => h.id !== record.reservationId),
    members: found.members.filter((m) => m.id !== record.reservationId),
  };
  const nameFindings = [...rules.findings, ...conflictsWith(rules, record.authority, others, now)];
  const decision = decideByRules(app, {
    nameVerdict: verdictOf(nameFindings),
    missingMaterials: [],
    establishedOn: cstDate(now),
    nameRuleVersion: rules.ruleVersion,
  });
  const status =
    decision.outcome === 'approve' ? 'approved' : decision.outcome === 'review' ? 'in_review' : 'checking';
  await registrations.transition(
    registrationId,
    ['checking', 'in_review'],
    status,
    timelineEntry('decision', decision.outcome, now, decision.failedRules.join(', ') || undefined),
    {
      decision: {
        outcome: decision.outcome,
        by: 'rules',
        rules: decision.rules,
        failedRules: decision.failedRules,
        at: now.toISOString(),
      },
      reasons: decision.reasons,
    },
  );
  return {
    outcome: decision.outcome,
    failedRules: decision.failedRules,
    reviewTimeoutSeconds: reviewTimeoutSeconds(now, reviewPeriod),
  };
});

const RejectInput = Ref.extend({ reason: z.enum(['decision', 'supplement-overdue']) });

/** Ends a case refused (by validation, the rules, the examiner, or an overdue supplement): the reservation goes back. */
export const reject = taskHandler(
  'RejectRegistration',
  RejectInput,
  async ({ registrationId, reason: why }) => {
    const { registrations, clock } = registrationDeps();
    const record = await loadRegistration(registrationId);
    const now = clock.now();
    const extra =
      why === 'supplement-overdue'
        ? {
            reasons: [
              ...(record.reasons ?? []),
              reason(
                'supplement-overdue',
                'block',
                'materials',
                '逾期未补正材料',
                'The materials were not supplemented in time',
              ),
            ],
          }
        : {};
    // The reservation first: whoever sees `rejected` must find the name theirs again.
    await registrations.restoreReservation(record, now);
    await registrations.transition(
      registrationId,
      [...UNDECIDED, 'approved'],
      'rejected',
      timelineEntry('decision', 'rejected', now, why),
      extra,
    );
    return { rejected: true };
  },
);

/** After a failure past the reservation: no code or enterprise left half made, the reservation back. */
export const compensate = taskHandler('Compensate', Ref, async ({ registrationId }) => {
  const { registrations, clock } = registrationDeps();
  const record = await loadRegistration(registrationId);
  const now = clock.now();
  const enterprise = record.creditCode ? await registrations.getEnterprise(record.creditCode) : undefined;
  if (record.creditCode && !enterprise) await registrations.voidCode(record.id, record.creditCode, now);
  // Undo first, then say so: whoever sees `rejected` must find the reservation restored.
  if (!enterprise) await registrations.restoreReservation(record, now);
  await registrations.transition(
    registrationId,
    [...UNDECIDED, 'approved'],
    'rejected',
    timelineEntry('compensation', 'done', now),
    {
      reasons: [
        reason(
          'processing-failed',
          'block',
          '',
          '系统处理失败，已撤回本次登记，名称保留已恢复',
          'Processing failed; this registration was undone and the name reservation restored',
        ),
      ],
    },
  );
  return { voidedCode: Boolean(record.creditCode && !enterprise), restored: !enterprise };
});
