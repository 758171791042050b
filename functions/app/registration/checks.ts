/**
 * The checking half of the registration workflow. `checkApplication` reads the case once, unseals the
 * application once, validates it, checks the materials and consumes the reservation, and writes all of
 * it in one write; it hands on the facts the next steps need (ids and facts, never personal data).
 * `decide` adds the name as it stands now; on approval nothing is written until the code is assigned.
 */
import type { EntityType } from '#domain/entity-types';
import { cstDate } from '#domain/legal-time';
import type { MaterialCheck } from '#domain/material';
import { indexEntriesOf } from '#domain/names/index-entries';
import { verdictOf } from '#domain/names/rules';
import { validateApplication } from '#domain/registration/application';
import { missingMaterials } from '#domain/registration/catalogue';
import { reviewTimeoutSeconds, supplementTimeoutSeconds } from '#domain/registration/deadlines';
import { type Decision, decide as decideByRules, withNameVerdict } from '#domain/registration/decision';
import { move, type Step } from '#domain/registration/lifecycle';
import type { DecisionRecord, RegistrationRecord } from '#domain/registration/record';
import { type Reason, type RegistrationApplication, reason } from '#domain/registration/types';
import type { Ports } from '#ports/ports';
import { verifyMaterials } from '../materials/materials.ts';
import { applyRules, conflictsWith } from '../names/check-name.ts';
import { loadRegistration } from './load.ts';

type Deps = Pick<
  Ports,
  'registrations' | 'materials' | 'documents' | 'sealer' | 'clock' | 'settings' | 'nameIndex'
>;

/** What the later steps know of the case, carried in the execution's state. */
export interface CaseFacts {
  name: string;
  entityType: EntityType;
  authority: string;
  reservationId: string;
}

export interface MaterialsOutcome {
  complete: boolean;
  missing: string[];
  invalid: string[];
  reasons: Reason[];
  /** What the timeline says is missing or wrong (kinds and ids only). */
  detail: string;
  supplementTimeoutSeconds: number;
}

export interface ApplicationCheck {
  valid: boolean;
  consumed: boolean;
  facts: CaseFacts;
  materials: MaterialsOutcome;
  /** The application judged by the auto-approval rules, without the name (added by `decide`). */
  assessment?: Pick<Decision, 'failedRules' | 'reasons' | 'rules'> & {
    /**
     * The approval already recorded on the case, when this is a run started again from the beginning
     * (after a crash) on a case that was approved: `decide` keeps it instead of judging the name again,
     * which by then stands registered to this very case.
     */
    decided?: DecisionRecord | undefined;
  };
}

const unavailable = reason(
  'reservation-unavailable',
  'block',
  'reservationId',
  '名称保留已失效或已被使用，请重新申报名称',
  'The name reservation has lapsed or was used; declare the name again',
);

export async function checkApplication(ports: Deps, registrationId: string): Promise<ApplicationCheck> {
  const record = await loadRegistration(ports, registrationId);
  const app = JSON.parse(await ports.sealer.unseal(record.sealedApplication)) as RegistrationApplication;
  const now = ports.clock.now();
  const facts = factsOf(record);
  const reasons = validateApplication(app, { establishedOn: cstDate(now), authority: record.authority });
  const materials = await materialsOf(ports, record);
  if (reasons.some((r) => r.severity === 'block')) {
    await ports.registrations.move(record.id, move(now, 'invalid'), { reasons });
    return { valid: false, consumed: false, facts, materials };
  }
  const steps: Step[] = [{ name: 'validated' }, { name: 'reservationConsumed' }];
  if (materials.complete) steps.push({ name: 'materialsComplete' });
  const consumption = await ports.registrations.consumeReservation(record, now, move(now, ...steps));
  if (consumption === 'unavailable') {
    await ports.registrations.move(record.id, move(now, 'validated', 'reservationUnavailable'), {
      reasons: [unavailable],
    });
    return { valid: true, consumed: false, facts, materials };
  }
  const {
    failedRules,
    reasons: found,
    rules,
  } = decideByRules(app, {
    nameVerdict: 'available',
    missingMaterials: [],
    establishedOn: cstDate(now),
  });
  const decided =
    consumption === 'already' && record.decision?.outcome === 'approve' ? record.decision : undefined;
  return {
    valid: true,
    consumed: true,
    facts,
    materials,
    assessment: { failedRules, reasons: found, rules, ...(decided ? { decided } : {}) },
  };
}

/** The materials again, after a supplement: the same checks as the first time. */
export async function checkMaterials(ports: Deps, registrationId: string): Promise<MaterialsOutcome> {
  const record = await loadRegistration(ports, registrationId);
  const outcome = await materialsOf(ports, record);
  if (outcome.complete)
    await ports.registrations.move(record.id, move(ports.clock.now(), 'materialsComplete'));
  return outcome;
}

function factsOf(r: RegistrationRecord): CaseFacts {
  return {
    name: r.name,
    entityType: r.entityType as EntityType,
    authority: r.authority,
    reservationId: r.reservationId,
  };
}

async function materialsOf(ports: Deps, record: RegistrationRecord): Promise<MaterialsOutcome> {
  const checks = await verifyMaterials(ports, record.materials, {
    sub: record.ownerSub,
    ...(record.ownerIdHash ? { idHash: record.ownerIdHash } : {}),
    ...(record.branchId ? { branchId: record.branchId } : {}),
  });
  const good = checks.filter((c) => c.ok);
  const missing = missingMaterials(record.entityType as EntityType, good, record.materialConditions ?? []);
  const problems = checks.filter((c) => !c.ok);
  return {
    complete: missing.length === 0 && problems.length === 0,
    missing,
    invalid: problems.map((p) => p.id),
    reasons: materialReasons(missing, problems),
    detail: missing.concat(problems.map((p) => p.id)).join(', '),
    supplementTimeoutSeconds: supplementTimeoutSeconds(ports.settings.supplementPeriod),
  };
}

function materialReasons(missing: string[], problems: MaterialCheck[]): Reason[] {
  return [
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
}

export interface CaseDecision extends Decision {
  by: DecisionRecord['by'];
  at: string;
  reviewTimeoutSeconds: number;
}

/**
 * The name again, as of now, against every other name (its own reservation does not count), with the
 * application's assessment: approve, refer to an examiner, or refuse. Only a referral or a refusal is
 * written here; an approval is written with the credit code.
 */
export async function decide(
  ports: Deps & Pick<Ports, 'metrics'>,
  registrationId: string,
  facts: CaseFacts,
  assessment: NonNullable<ApplicationCheck['assessment']>,
): Promise<CaseDecision> {
  const now = ports.clock.now();
  const reviewTimeout = reviewTimeoutSeconds(now, ports.settings.reviewPeriod);
  const { decided } = assessment;
  if (decided)
    return {
      outcome: 'approve',
      by: decided.by,
      rules: decided.rules ?? [],
      failedRules: [],
      reasons: [],
      at: decided.at,
      reviewTimeoutSeconds: reviewTimeout,
    };
  const rules = applyRules(facts.name, facts.authority, facts.entityType);
  const found = await ports.nameIndex.lookup(rules.key, indexEntriesOf(rules.parts));
  const others = {
    holders: found.holders.filter((h) => h.id !== facts.reservationId),
    members: found.members.filter((m) => m.id !== facts.reservationId),
  };
  const findings = [...rules.findings, ...conflictsWith(rules, facts.authority, others, now)];
  const decision = withNameVerdict(
    { outcome: 'approve', ...assessment },
    verdictOf(findings),
    rules.ruleVersion,
  );
  const recorded = { ...decision, by: 'rules' as const, at: now.toISOString() };
  // Counted when judged, not when a run started again finds the decision made (above).
  ports.metrics.count('Decisions', { outcome: decision.outcome });
  for (const rule of decision.failedRules) ports.metrics.count('DecisionRuleFailures', { rule });
  if (decision.outcome !== 'approve') {
    const step = decision.outcome === 'review' ? 'referredToExaminer' : 'refusedByRules';
    const detail = decision.failedRules.join(', ') || undefined;
    await ports.registrations.move(registrationId, move(now, { name: step, detail }), {
      decision: decisionRecord(recorded),
      reasons: decision.reasons,
    });
  }
  return { ...recorded, reviewTimeoutSeconds: reviewTimeout };
}

/** The decision as the registration keeps it. */
export function decisionRecord(d: Pick<CaseDecision, 'outcome' | 'rules' | 'failedRules' | 'at'>) {
  return { outcome: d.outcome, by: 'rules', rules: d.rules, failedRules: d.failedRules, at: d.at };
}
