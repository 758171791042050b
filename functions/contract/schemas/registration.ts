/**
 * The registration body (设立登记, api.md Registration) and the bank window's intake around it, with
 * the views returned. Shapes and field-level checks live here; the rules that need the whole
 * application, the catalogue or the date of establishment live in functions/domain/registration/.
 */
import { z } from 'zod';
import { checkCreditCode } from '#domain/credit-code';
import { ENTITY_TYPES } from '#domain/entity-types';
import { hasCapital } from '#domain/registration/forms';
import { checkIdNumber } from '#domain/registration/id-documents';
import { REGISTRATION_STATUSES } from '#domain/registration/lifecycle';
import { AMOUNT_PATTERN } from '#domain/registration/money';
import { CONTRIBUTION_FORMS, ID_TYPES, SUPERVISOR_EXEMPTIONS } from '#domain/registration/types';
import { DivisionCode } from './common.ts';

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const Id = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'letters, digits, _ and - (at most 64)');

export const Money = z.object({
  amount: z
    .string()
    .regex(AMOUNT_PATTERN, 'a decimal string with at most two decimals, e.g. "1000000" or "2500.50"'),
  currency: z.string().refine((c) => CURRENCIES.has(c), 'an ISO 4217 currency code such as CNY'),
});

/** ISO 3166-1 alpha-2, as Intl knows the regions (HK, MO and TW included). */
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as US')
  .refine((c) => REGIONS.of(c) !== undefined, 'not an ISO 3166-1 country or region');

/** Mainland mobile, a landline with its area code, or an international number. */
const Phone = z
  .string()
  .trim()
  .regex(
    /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+\d{6,15})$/,
    'a mobile, landline (with area code) or +international number',
  );

const PersonName = z.string().trim().min(1).max(100);
const IdType = z.enum(ID_TYPES);
/** Only bounded here: the document check (GB 11643 or the shape of the document) gives the one reason. */
const IdNumber = z.string().trim().toUpperCase().max(32);

/** A person with an identity document; a bad number is reported at `idNumber` with the reason. */
export const Person = z
  .object({ name: PersonName, idType: IdType, idNumber: IdNumber, phone: Phone })
  .superRefine((p, ctx) => {
    const check = checkIdNumber(p.idType, p.idNumber);
    if (!check.valid) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: check.reason });
  });

export const Investor = z
  .object({
    kind: z.enum(['natural_person', 'legal_person']),
    name: z.string().trim().min(1).max(200),
    idType: IdType.optional(),
    idNumber: IdNumber.optional(),
    creditCode: z.string().trim().toUpperCase().max(64).optional(),
    foreignRegistration: z.string().trim().min(1).max(64).optional(),
    country: Country.optional(),
    subscribedAmount: Money,
    contributionForm: z.enum(CONTRIBUTION_FORMS).default('currency'),
    contributionDeadline: z.iso.date().optional(),
  })
  .superRefine((inv, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (inv.kind === 'natural_person') {
      if (!inv.idType) issue('idType', 'a natural person gives an identity document type');
      if (!inv.idNumber) issue('idNumber', 'a natural person gives an identity document number');
      if (inv.idType && inv.idNumber) {
        const check = checkIdNumber(inv.idType, inv.idNumber);
        if (!check.valid) issue('idNumber', check.reason);
      }
      if (inv.idType === 'passport' && !inv.country)
        issue('country', 'a passport holder gives their nationality');
      if (inv.creditCode) issue('creditCode', 'a natural person has no credit code');
      if (inv.foreignRegistration)
        issue('foreignRegistration', 'a natural person has no registration number');
      return;
    }
    if (inv.idType || inv.idNumber)
      issue(inv.idType ? 'idType' : 'idNumber', 'a legal person has no identity document');
    if (inv.creditCode && inv.foreignRegistration)
      issue(
        'foreignRegistration',
        'a legal person is either domestic (creditCode) or foreign (foreignRegistration)',
      );
    else if (inv.creditCode) {
      const check = checkCreditCode(inv.creditCode);
      if (!check.valid) issue('creditCode', check.reason);
    } else if (inv.foreignRegistration) {
      if (!inv.country)
        issue('country', 'a foreign legal person gives the country or region of its registration');
      else if (inv.country === 'CN')
        issue('country', 'a legal person registered in the mainland gives its creditCode');
    } else
      issue('creditCode', 'a legal person gives its creditCode, or a foreign one its foreignRegistration');
  });

export const Domicile = z.object({
  division: DivisionCode,
  address: z.string().trim().min(4).max(200),
  commitment: z.literal(true, 'the applicant commits to the truth of the declared domicile'),
});

const ScopeCode = z.string().regex(/^[A-T]\d{5}$/, 'a business scope item code from GET /v1/business-scope');

export const RegistrationRequest = z
  .object({
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
    taxContact: Person.optional(),
    materials: z.array(Id).max(100).default([]),
  })
  .superRefine((app, ctx) => {
    if (hasCapital(app.entityType) && !app.registeredCapital)
      ctx.addIssue({
        code: 'custom',
        path: ['registeredCapital'],
        message: `a ${app.entityType} states its registered capital (or total contributions)`,
      });
    if (!hasCapital(app.entityType) && app.registeredCapital)
      ctx.addIssue({
        code: 'custom',
        path: ['registeredCapital'],
        message: 'an individual business has no capital',
      });
    duplicates(app.businessScope, (i) =>
      ctx.addIssue({ code: 'custom', path: ['businessScope', i], message: 'listed twice' }),
    );
    duplicates(app.materials, (i) =>
      ctx.addIssue({ code: 'custom', path: ['materials', i], message: 'listed twice' }),
    );
    // One person or company subscribes once: two entries would double-count a contribution.
    const key = (inv: z.output<typeof Investor>) =>
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
