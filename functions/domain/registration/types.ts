/**
 * The registration application (设立登记申请) as the domain reads it: the shape the API schema
 * produces, written here as plain types so the domain never imports the API layer. Arrays are
 * readonly: the domain judges an application, it never edits one.
 */
import type { EntityType } from '../entity-types.ts';

/** Identity documents a person may register with (api.md, Registration). */
export const ID_TYPES = ['resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit'] as const;
export type IdType = (typeof ID_TYPES)[number];

/** Forms of contribution (公司法 2024 第四十八条: 货币、实物、知识产权、土地使用权、股权 and others). */
export const CONTRIBUTION_FORMS = [
  'currency',
  'in_kind',
  'intellectual_property',
  'land_use_right',
  'equity',
  'other',
] as const;
export type ContributionForm = (typeof CONTRIBUTION_FORMS)[number];

export const INVESTOR_KINDS = ['natural_person', 'legal_person'] as const;
export type InvestorKind = (typeof INVESTOR_KINDS)[number];

/**
 * Why a company has no supervisor: all shareholders agreed (公司法 第八十三条, limited liability
 * companies only) or the board has an audit committee that does the supervisors' work (第六十九条, 第一百二十一条).
 */
export const SUPERVISOR_EXEMPTIONS = ['all_shareholders_consent', 'audit_committee'] as const;
export type SupervisorExemption = (typeof SUPERVISOR_EXEMPTIONS)[number];

/** `amount` is a decimal string with at most two decimals; `currency` is ISO 4217. */
export interface Money {
  amount: string;
  currency: string;
}

export interface Person {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
}

/**
 * An investor (股东, 发起人, 投资人, 合伙人, 成员). A natural person has an identity document; a
 * domestic legal person its credit code; a foreign legal person its home registration and country.
 */
export interface Investor {
  kind: InvestorKind;
  name: string;
  idType?: IdType;
  idNumber?: string;
  creditCode?: string;
  foreignRegistration?: string;
  /** ISO 3166-1 alpha-2: the foreign legal person's seat, or a passport holder's nationality. */
  country?: string;
  subscribedAmount: Money;
  contributionForm: ContributionForm;
  /** YYYY-MM-DD, the day by which the subscribed amount is paid in. */
  contributionDeadline?: string;
}

/** The domicile is self-declared: the applicant commits to its truth instead of proving it (承诺制). */
export interface Domicile {
  division: string;
  address: string;
  commitment: boolean;
}

export interface RegistrationApplication {
  reservationId: string;
  entityType: EntityType;
  /** Subscribed (认缴) registered capital or total contributions; absent for an individual business. */
  registeredCapital?: Money;
  domicile: Domicile;
  /** Item codes of the business scope catalogue. */
  businessScope: readonly string[];
  /** The legal representative; for an individual business, its operator (经营者). */
  legalRepresentative: Person;
  investors: readonly Investor[];
  directors: readonly Person[];
  supervisors: readonly Person[];
  supervisorExemption?: SupervisorExemption;
  manager?: Person;
  financialOfficer?: Person;
  taxContact?: Person;
  /** Material ids of uploaded documents. */
  materials: readonly string[];
}

/**
 * `block`: the application cannot be approved as it stands; `warn`: an examiner must look at it;
 * `info`: the applicant is told, nothing stops.
 */
export type Severity = 'block' | 'warn' | 'info';

/**
 * One reason, in both languages, with the dotted path of the field it is about. Messages never
 * quote an identity number: the path says which person is meant.
 */
export interface Reason {
  code: string;
  severity: Severity;
  message: string;
  messageEn: string;
  path: string;
  basis?: string;
}

export function reason(
  code: string,
  severity: Severity,
  path: string,
  message: string,
  messageEn: string,
  basis?: string,
): Reason {
  return basis
    ? { code, severity, message, messageEn, path, basis }
    : { code, severity, message, messageEn, path };
}

/** True when no reason stops the application. */
export function isAcceptable(reasons: readonly Reason[]): boolean {
  return reasons.every((r) => r.severity !== 'block');
}
