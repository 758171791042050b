/**
 * What each entity type's law requires of its founding: who invests, whether there is capital, when
 * contributions fall due, and which officers it has. Statutes rather than policy, so kept in code with
 * their provisions; the policy that changes (what is approved automatically) lives in seeds/.
 */
import type { EntityType } from '../entity-types.ts';
import type { InvestorKind, SupervisorExemption } from './types.ts';

/** Company Law bodies: a limited liability company's, or a joint stock company's. */
export type Governance = 'llc' | 'jsc' | 'none';

/**
 * When contributions fall due: within five years of establishment (公司法 第四十七条), in full before
 * establishment (第九十八条, promoters of a joint stock company), or as the partners agree.
 */
export type ContributionTerm = 'five_years' | 'before_establishment' | 'agreed';

export interface EntityForm {
  /** Registered capital, or total contributions (出资额, 出资总额); an individual business has none. */
  hasCapital: boolean;
  /** Registered capital in a convertible foreign currency is allowed (foreign-invested enterprises only). */
  foreignCurrency: boolean;
  investors: { min: number; max: number; kinds: readonly InvestorKind[]; basis: string };
  term: ContributionTerm;
  governance: Governance;
  /** Why an entity may have no supervisor; empty when it must have one or has none by law. */
  supervisorExemptions: readonly SupervisorExemption[];
  managerRequired: boolean;
  /** The tax department registers the financial officer; an individual business's operator keeps the books. */
  financialOfficerRequired: boolean;
  /** At least one investor must be foreign. */
  foreignInvestorRequired: boolean;
}

const COMPANY_LLC = {
  hasCapital: true,
  term: 'five_years',
  governance: 'llc',
  supervisorExemptions: ['all_shareholders_consent', 'audit_committee'],
  managerRequired: false,
  financialOfficerRequired: true,
} as const;

/**
 * A foreign-invested enterprise takes the Company Law's forms (外商投资法 第三十一条). This platform
 * registers it as a limited liability company, the form nearly all of them take; a foreign-invested
 * joint stock company goes to an examiner, who applies the joint stock rules.
 */
export const ENTITY_FORMS: Readonly<Record<EntityType, EntityForm>> = {
  limited_liability_company: {
    ...COMPANY_LLC,
    foreignCurrency: false,
    investors: { min: 1, max: 50, kinds: ['natural_person', 'legal_person'], basis: '《公司法》第四十二条' },
    foreignInvestorRequired: false,
  },
  foreign_invested_company: {
    ...COMPANY_LLC,
    foreignCurrency: true,
    investors: { min: 1, max: 50, kinds: ['natural_person', 'legal_person'], basis: '《公司法》第四十二条' },
    foreignInvestorRequired: true,
  },
  joint_stock_company: {
    hasCapital: true,
    foreignCurrency: false,
    investors: {
      min: 1,
      max: 200,
      kinds: ['natural_person', 'legal_person'],
      basis: '《公司法》第九十二条',
    },
    term: 'before_establishment',
    governance: 'jsc',
    supervisorExemptions: ['audit_committee'],
    managerRequired: true,
    financialOfficerRequired: true,
    foreignInvestorRequired: false,
  },
  sole_proprietorship: {
    hasCapital: true,
    foreignCurrency: false,
    investors: { min: 1, max: 1, kinds: ['natural_person'], basis: '《个人独资企业法》第二条、第八条' },
    term: 'agreed',
    governance: 'none',
    supervisorExemptions: [],
    managerRequired: false,
    financialOfficerRequired: true,
    foreignInvestorRequired: false,
  },
  partnership: {
    hasCapital: true,
    foreignCurrency: false,
    // A limited partnership has at most 50 partners (第六十一条); a general one has no ceiling, and the
    // application does not say which kind it is, so only the floor is checked.
    investors: {
      min: 2,
      max: Number.POSITIVE_INFINITY,
      kinds: ['natural_person', 'legal_person'],
      basis: '《合伙企业法》第十四条',
    },
    term: 'agreed',
    governance: 'none',
    supervisorExemptions: [],
    managerRequired: false,
    financialOfficerRequired: true,
    foreignInvestorRequired: false,
  },
  individual_business: {
    hasCapital: false,
    foreignCurrency: false,
    // The operator is named as `legalRepresentative`; an individual business has no investors.
    investors: { min: 0, max: 0, kinds: [], basis: '《市场主体登记管理条例》第八条' },
    term: 'agreed',
    governance: 'none',
    supervisorExemptions: [],
    managerRequired: false,
    financialOfficerRequired: false,
    foreignInvestorRequired: false,
  },
  farmer_cooperative: {
    hasCapital: true,
    foreignCurrency: false,
    // The law also wants at least 80% of members to be farmers; the application does not say who is a
    // farmer, so that is left to the examiner of the member roster.
    investors: {
      min: 5,
      max: Number.POSITIVE_INFINITY,
      kinds: ['natural_person', 'legal_person'],
      basis: '《农民专业合作社法》第十二条',
    },
    term: 'agreed',
    governance: 'none',
    supervisorExemptions: [],
    managerRequired: false,
    financialOfficerRequired: true,
    foreignInvestorRequired: false,
  },
};

export function hasCapital(entityType: EntityType): boolean {
  return ENTITY_FORMS[entityType].hasCapital;
}
