/**
 * The registration body (设立登记, api.md Registration) and the bank window's intake around it, with
 * the views returned. Shapes and field-level checks live here; the rules that need the whole
 * application, the catalogue or the date of establishment live in functions/domain/registration/.
 */
import * as z from 'zod';
import { ENTITY_TYPES, type EntityType } from '#domain/entity-types';
import { ENTITY_FORMS } from '#domain/registration/forms';
import { checkIdNumber } from '#domain/registration/id-documents';
import { REGISTRATION_STATUSES } from '#domain/registration/lifecycle';
import { SUPERVISOR_EXEMPTIONS } from '#domain/registration/types';
import { DivisionCode } from './common.ts';
import {
  IdNumber,
  IdType,
  Investor,
  type InvestorInput,
  Money,
  Person,
  PersonName,
  Phone,
  RequiredPerson,
  Shareholder,
  whenAbsent,
} from './registration-parties.ts';

export { Investor, Money, Person } from './registration-parties.ts';

const Id = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'letters, digits, _ and - (at most 64)');

export const Domicile = z.object({
  division: DivisionCode.meta({
    description:
      "where the domicile is: within the jurisdiction of the reservation's registration authority (市场主体登记管理条例实施细则 第十条)",
  }),
  address: z.string().trim().min(4).max(200),
  commitment: z.literal(true, 'the applicant commits to the truth of the declared domicile'),
});

const ScopeCode = z.string().regex(/^[A-T]\d{5}$/, 'a business scope item code from GET /v1/business-scope');

/**
 * What every entity type files alike, in the order the body reads. The fields a form requires are put
 * in place by its own schema below; a spread keeps each key where it stands here.
 */
const common = {
  reservationId: Id,
  entityType: z.enum(ENTITY_TYPES),
  registeredCapital: Money.optional(),
  domicile: Domicile,
  businessScope: z.array(ScopeCode).min(1).max(100),
  /** For an individual business, its operator (经营者). */
  legalRepresentative: Person,
  investors: z.array(Investor).max(500).default([]),
  directors: z.array(Person).max(50).default([]),
  supervisors: z.array(Person).max(50).default([]),
  supervisorExemption: z.enum(SUPERVISOR_EXEMPTIONS).optional(),
  manager: Person.optional(),
  financialOfficer: Person.optional(),
  taxContact: RequiredPerson('the tax contact (办税人), whom the tax department registers'),
  materials: z.array(Id).max(100).default([]),
};

const capital = (entityType: EntityType) => {
  const message = `a ${entityType} states its registered capital (or total contributions)`;
  return z.object(Money.shape, whenAbsent(message)).meta({ description: `${message}, subscribed` });
};
const financialOfficer = RequiredPerson(
  'the financial officer (财务负责人), whom the tax department registers',
);

/** As many investors as the form allows (forms.ts), at most 500 in one body. */
function investors<T extends z.ZodType>(entityType: EntityType, investor: T) {
  const { min, max, basis } = ENTITY_FORMS[entityType].investors;
  const message = `a ${entityType} has at least ${min} investor${min > 1 ? 's' : ''} (${basis})`;
  return z
    .array(investor, whenAbsent(message))
    .min(min, message)
    .max(Math.min(max, 500))
    .meta({ description: message });
}

/** A company has a board or one director (公司法 第六十八条、第七十五条、第一百二十条、第一百二十八条). */
const companyDirectors = z
  .array(Person, whenAbsent('a company has a board of directors or one director'))
  .min(1, 'a company has a board of directors or one director')
  .max(50)
  .meta({
    description:
      'one director, or a board of three or more; the legal representative is one of them or the manager',
  });

/** `{ ...a, ...b }` typed as it behaves: TypeScript types a spread of a type parameter as an intersection. */
function override<A extends object, B extends object>(a: A, b: B): Omit<A, keyof B> & B {
  return { ...a, ...b };
}

/** The body of one entity type: the common fields, with those its form requires put in their place. */
function form<T extends EntityType, S extends z.ZodRawShape>(entityType: T, id: string, fields: S) {
  return z.object(override(common, { entityType: z.literal(entityType), ...fields })).meta({ id });
}

/** A company: capital, shareholders or promoters, directors, and the financial officer. */
const company = <I extends z.ZodType>(entityType: EntityType, investor: I) => ({
  registeredCapital: capital(entityType),
  investors: investors(entityType, investor),
  directors: companyDirectors,
  financialOfficer,
});

/** A form whose investors agree when they pay: a sole proprietorship, a partnership, a cooperative. */
const agreedTerms = (entityType: EntityType) => ({
  registeredCapital: capital(entityType),
  investors: investors(entityType, Investor),
  financialOfficer,
});

/**
 * One body per entity type, told apart by `entityType`, each marking the fields its form requires, so the
 * OpenAPI document says what to send. The field names and the JSON are those of every type alike; the
 * rules that need several fields at once (board sizes, supervisors, sums, deadlines, ages, jurisdiction)
 * are the domain's, answered at submission (422).
 */
const registrationForms = [
  form(
    'limited_liability_company',
    'LimitedLiabilityCompanyRegistration',
    company('limited_liability_company', Shareholder),
  ),
  form('joint_stock_company', 'JointStockCompanyRegistration', {
    ...company('joint_stock_company', Investor),
    manager: RequiredPerson('the manager (经理), whom a joint stock company has (公司法 第一百二十六条)'),
  }),
  form(
    'foreign_invested_company',
    'ForeignInvestedCompanyRegistration',
    company('foreign_invested_company', Shareholder),
  ),
  form('sole_proprietorship', 'SoleProprietorshipRegistration', agreedTerms('sole_proprietorship')),
  form('partnership', 'PartnershipRegistration', agreedTerms('partnership')),
  form('farmer_cooperative', 'FarmerCooperativeRegistration', agreedTerms('farmer_cooperative')),
  form('individual_business', 'IndividualBusinessRegistration', {
    registeredCapital: z
      .never('an individual business has no capital')
      .optional()
      .meta({ description: 'none: an individual business registers no capital' }),
    investors: z
      .array(Investor)
      .max(0, 'an individual business registers its operator as legalRepresentative, not investors')
      .default([]),
  }),
] as const;

export const RegistrationRequest = z
  .discriminatedUnion('entityType', registrationForms)
  .superRefine((app, ctx) => {
    duplicates(app.businessScope, (i) =>
      ctx.addIssue({ code: 'custom', path: ['businessScope', i], message: 'listed twice' }),
    );
    duplicates(app.materials, (i) =>
      ctx.addIssue({ code: 'custom', path: ['materials', i], message: 'listed twice' }),
    );
    // One person or company subscribes once: two entries would double-count a contribution.
    const key = (inv: InvestorInput) =>
      inv.creditCode ??
      (inv.foreignRegistration
        ? `${inv.country}:${inv.foreignRegistration}`
        : `${inv.idType}:${inv.idNumber}`);
    duplicates(app.investors.map(key), (i) =>
      ctx.addIssue({ code: 'custom', path: ['investors', i], message: 'this investor is listed twice' }),
    );
  })
  .meta({ id: 'RegistrationRequest' });

function duplicates(values: readonly string[], report: (index: number) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) report(i);
    seen.add(v);
  });
}

export const BankIntakeRequest = z
  .object({
    applicant: z
      .object({
        name: PersonName,
        /** The document the applicant shows at the counter; a resident identity card unless said otherwise. */
        idType: IdType.default('resident_id'),
        idNumber: IdNumber,
        phone: Phone,
        consent: z.literal(true, 'the applicant consents to the bank filing on their behalf'),
      })
      .superRefine((a, ctx) => {
        const check = checkIdNumber(a.idType, a.idNumber);
        if (!check.valid) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: check.reason });
      }),
    registration: RegistrationRequest,
  })
  .meta({ id: 'BankIntakeRequest' });

export const RegistrationStatus = z.enum(REGISTRATION_STATUSES);
export const Channel = z.enum(['online', 'bank']);

export const Reason = z.object({
  code: z.string(),
  severity: z.enum(['block', 'warn', 'info']),
  message: z.string(),
  messageEn: z.string(),
  path: z.string(),
  basis: z.string().optional(),
});

export const RegistrationView = z
  .object({
    id: z.string(),
    status: RegistrationStatus,
    channel: Channel,
    timeline: z.array(z.object({ step: z.string(), status: z.string(), at: z.string() })),
    reasons: z.array(Reason).optional(),
    creditCode: z.string().optional(),
    licenseUrl: z.string().optional(),
  })
  .meta({ id: 'RegistrationView' });

/** 202 to POST /v1/registrations. */
export const RegistrationAccepted = z.object({ id: z.string(), status: RegistrationStatus });

/** 202 to POST /v1/bank-intakes. */
export const BankIntakeAccepted = z.object({
  id: z.string(),
  registrationId: z.string(),
  status: RegistrationStatus,
});

export const RegistrationParams = z.object({ id: Id });
