/**
 * The decision on a registration: a standard case is approved by rule at once (当场登记), anything
 * else goes to an examiner with every reason they need, and only a name that can no longer be
 * registered is refused outright, since everything else can be corrected (补正). The rules and their
 * version come from seeds/registration/auto-approval.json and are recorded with the decision, so it
 * can be explained and re-run.
 */
import policySeed from '#seeds/registration/auto-approval.json' with { type: 'json' };
import { checkCreditCode } from '../credit-code.ts';
import { ENTITY_TYPES, type EntityType } from '../entity-types.ts';
import { checkResidentId } from '../identity.ts';
import { checkScope } from './application.ts';
import { checkCapacity } from './capacity.ts';
import { checkCapital } from './capital.ts';
import { checklistFor } from './catalogue.ts';
import { checkGovernance } from './governance.ts';
import { checkParties, isForeignInvestor } from './parties.ts';
import { type Reason, type RegistrationApplication, reason } from './types.ts';

export type NameVerdict = 'available' | 'similar' | 'unavailable';
export type Outcome = 'approve' | 'review' | 'reject';

export interface AutoApprovalPolicy {
  version: string;
  autoApprovableEntityTypes: readonly string[];
  rules: ReadonlyArray<{ id: string; description: string; descriptionEn: string }>;
}

export interface DecisionContext {
  nameVerdict: NameVerdict;
  /** Kinds of the required materials not filed (`missingMaterials` of the catalogue). */
  missingMaterials: readonly string[];
  /** The day the enterprise would be established (YYYY-MM-DD, Beijing). */
  establishedOn: string;
  /** The naming catalog version the verdict came from, recorded with the rules. */
  nameRuleVersion?: string;
  policy?: AutoApprovalPolicy;
}

export interface Decision {
  outcome: Outcome;
  reasons: Reason[];
  rules: Array<{ id: string; version: string }>;
  /** The rules the case did not pass: why it is not approved. */
  failedRules: string[];
}

type Rule = (app: RegistrationApplication, ctx: DecisionContext, policy: AutoApprovalPolicy) => Reason[];

const failing = (reasons: readonly Reason[]) => reasons.filter((r) => r.severity !== 'info');

/** Reasons that rules of their own answer for, so that `application-valid` does not fail for them too. */
const OWN_RULE = new Set(['scope-pre-approval', 'domicile-commitment-missing']);

/** The name rule: similar goes to an examiner, unavailable is refused (it cannot be corrected). */
export function nameAvailability(verdict: NameVerdict): Reason[] {
  if (verdict === 'available') return [];
  return verdict === 'similar'
    ? [
        reason(
          'name-similar',
          'warn',
          'reservationId',
          '企业名称与已有名称近似，由登记人员审查',
          'The name is similar to an existing one: an examiner looks at it',
          '《企业名称登记管理规定实施办法》',
        ),
      ]
    : [
        reason(
          'name-unavailable',
          'block',
          'reservationId',
          '企业名称已不能登记（与已有名称相同或违反名称禁限用规则），应当重新申报名称',
          'The name can no longer be registered (identical to another, or against the naming rules): declare a new one',
          '《企业名称登记管理规定》',
        ),
      ];
}

/** Each rule returns the reasons it fails with; none means it passes. */
const RULES: Readonly<Record<string, Rule>> = {
  'name-available': (_app, ctx) => nameAvailability(ctx.nameVerdict),
  'materials-complete': (app, ctx) => {
    const descriptions = new Map(checklistFor(app.entityType).map((i) => [i.kind, i]));
    return ctx.missingMaterials.map((kind) =>
      reason(
        'material-missing',
        'block',
        'materials',
        `缺少材料：${descriptions.get(kind)?.description ?? kind}`,
        `Missing material: ${descriptions.get(kind)?.descriptionEn ?? kind}`,
        '《市场主体登记管理条例》第十六条',
      ),
    );
  },
  'entity-type-standard': (app, _ctx, policy) =>
    policy.autoApprovableEntityTypes.includes(app.entityType)
      ? []
      : [
          reason(
            'entity-type-examined',
            'warn',
            'entityType',
            '该主体类型由登记人员审查',
            'An examiner decides registrations of this entity type',
          ),
        ],
  // Jurisdiction is not here: it only ever blocks, and a blocked application never reaches a decision.
  'application-valid': (app, ctx) =>
    failing([
      ...checkParties(app),
      ...checkCapacity(app, ctx.establishedOn),
      ...checkGovernance(app),
      ...checkScope(app),
    ]).filter((r) => !OWN_RULE.has(r.code)),
  'capital-consistent': (app, ctx) => failing(checkCapital(app, ctx.establishedOn)),
  'scope-no-pre-approval': (app) => failing(checkScope(app)).filter((r) => r.code === 'scope-pre-approval'),
  'investors-domestic-verified': (app) => {
    const out: Reason[] = [];
    app.investors.forEach((inv, i) => {
      const verified =
        inv.kind === 'natural_person'
          ? inv.idType === 'resident_id' && !!inv.idNumber && checkResidentId(inv.idNumber).valid
          : !!inv.creditCode && checkCreditCode(inv.creditCode).valid;
      if (!verified || isForeignInvestor(inv))
        out.push(
          reason(
            'investor-not-verified-by-rule',
            'warn',
            `investors.${i}`,
            '该投资人的身份不能自动核验（非居民身份证或非境内法人），由登记人员审查',
            'This investor cannot be verified by rule (no resident ID, or no domestic credit code): an examiner checks them',
          ),
        );
    });
    const rep = app.legalRepresentative;
    if (rep.idType !== 'resident_id' || !checkResidentId(rep.idNumber).valid)
      out.push(
        reason(
          'legal-representative-not-verified-by-rule',
          'warn',
          'legalRepresentative',
          '法定代表人（经营者）未持居民身份证，由登记人员审查',
          'The legal representative (operator) holds no resident ID: an examiner checks them',
        ),
      );
    return out;
  },
  'no-foreign-investment': (app) =>
    app.entityType === 'foreign_invested_company' || app.investors.some(isForeignInvestor)
      ? [
          reason(
            'foreign-investment',
            'warn',
            'investors',
            '涉及外商投资，由登记人员审查并推送商务部门',
            'Foreign investment: an examiner checks it, and the commerce department receives it',
            '《外商投资法》第三十四条',
          ),
        ]
      : [],
  'domicile-committed': (app) =>
    failing(checkGovernance(app)).filter((r) => r.code === 'domicile-commitment-missing'),
};

const keyOf = (r: Reason) => `${r.code}|${r.path}|${r.messageEn}`;

export function decide(app: RegistrationApplication, ctx: DecisionContext): Decision {
  const policy = ctx.policy ?? loadAutoApprovalPolicy();
  const reasons = new Map<string, Reason>();
  const failedRules: string[] = [];
  for (const { id } of policy.rules) {
    const rule = RULES[id];
    if (!rule) throw new Error(`auto-approval policy ${policy.version} names unknown rule ${id}`);
    const found = rule(app, ctx, policy);
    if (found.length > 0) failedRules.push(id);
    // Keyed by the whole reason, so a fault two checks see is read once by the examiner.
    for (const r of found) reasons.set(keyOf(r), r);
  }
  // What the applicant is told whatever the outcome: licences needed after registration.
  for (const r of checkScope(app)) if (r.severity === 'info') reasons.set(keyOf(r), r);

  const rules = policy.rules.map(({ id }) => ({ id, version: policy.version }));
  if (ctx.nameRuleVersion) rules.push({ id: 'names', version: ctx.nameRuleVersion });
  const outcome: Outcome =
    ctx.nameVerdict === 'unavailable' ? 'reject' : failedRules.length > 0 ? 'review' : 'approve';
  return { outcome, reasons: [...reasons.values()], rules, failedRules };
}

let loaded: AutoApprovalPolicy | undefined;

/** The policy of the committed seed, checked on first use: every rule known, every entity type real. */
export function loadAutoApprovalPolicy(): AutoApprovalPolicy {
  if (!loaded) {
    for (const { id } of policySeed.rules)
      if (!RULES[id]) throw new Error(`auto-approval: unknown rule ${id}`);
    for (const t of policySeed.autoApprovableEntityTypes)
      if (!(ENTITY_TYPES as readonly string[]).includes(t))
        throw new Error(`auto-approval: unknown entity type ${t}`);
    loaded = policySeed;
  }
  return loaded;
}

/** The entity types the policy approves by rule. */
export function autoApprovable(entityType: EntityType): boolean {
  return loadAutoApprovalPolicy().autoApprovableEntityTypes.includes(entityType);
}

/**
 * The decision in two halves, so that the application is unsealed once: `decide` with the name taken as
 * available judges the application alone (where it is unsealed); `withNameVerdict` then adds the name as
 * it stands at the moment of deciding, without the application.
 */
export function withNameVerdict(
  assessment: Decision,
  nameVerdict: NameVerdict,
  nameRuleVersion?: string,
): Decision {
  const nameReasons = nameAvailability(nameVerdict);
  const failedRules = [
    ...(nameReasons.length > 0 ? ['name-available'] : []),
    ...assessment.failedRules.filter((id) => id !== 'name-available'),
  ];
  const rules = assessment.rules.filter((r) => r.id !== 'names');
  if (nameRuleVersion) rules.push({ id: 'names', version: nameRuleVersion });
  const outcome: Outcome =
    nameVerdict === 'unavailable' ? 'reject' : failedRules.length > 0 ? 'review' : 'approve';
  return { outcome, reasons: [...nameReasons, ...assessment.reasons], rules, failedRules };
}
