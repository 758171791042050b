/**
 * The people and money of a registration body: persons with their identity documents, investors, and
 * amounts. Field-level checks only; the rules that need the whole application are the domain's.
 */
import * as z from 'zod';
import { checkCreditCode } from '#domain/credit-code';
import { checkIdNumber } from '#domain/registration/id-documents';
import { AMOUNT_PATTERN } from '#domain/registration/money';
import { CONTRIBUTION_FORMS, ID_TYPES } from '#domain/registration/types';

const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

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
export const Phone = z
  .string()
  .trim()
  .regex(
    /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+\d{6,15})$/,
    'a mobile, landline (with area code) or +international number',
  );

export const PersonName = z.string().trim().min(1).max(100);
export const IdType = z.enum(ID_TYPES);
/** Only bounded here: the document check (GB 11643 or the shape of the document) gives the one reason. */
export const IdNumber = z.string().trim().toUpperCase().max(32);

/** A zod error option: `message` when the field is absent, zod's own wording otherwise. */
export const whenAbsent = (message: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? message : undefined),
});

const personShape = { name: PersonName, idType: IdType, idNumber: IdNumber, phone: Phone };
type PersonInput = z.output<z.ZodObject<typeof personShape>>;

function checkPerson(p: PersonInput, ctx: z.RefinementCtx): void {
  const check = checkIdNumber(p.idType, p.idNumber);
  if (!check.valid) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: check.reason });
}

/** A person with an identity document; a bad number is reported at `idNumber` with the reason. */
export const Person = z.object(personShape).superRefine(checkPerson);
/** A person the entity type requires: absent, the answer says why it is wanted. */
export const RequiredPerson = (message: string) =>
  z.object(personShape, whenAbsent(message)).superRefine(checkPerson).meta({ description: message });

const investorShape = {
  kind: z.enum(['natural_person', 'legal_person']),
  name: z.string().trim().min(1).max(200),
  idType: IdType.optional(),
  idNumber: IdNumber.optional(),
  creditCode: z.string().trim().toUpperCase().max(64).optional(),
  foreignRegistration: z.string().trim().min(1).max(64).optional(),
  country: Country.optional(),
  subscribedAmount: Money,
  contributionForm: z.enum(CONTRIBUTION_FORMS).default('currency'),
  contributionDeadline: z.iso.date().optional().meta({
    description:
      "YYYY-MM-DD, the day the subscription is paid in full by. Required of a limited liability or foreign-invested company, within five years of establishment (公司法 第四十七条); a joint stock company's promoters pay before establishment (第九十八条)",
  }),
};
export type InvestorInput = z.output<z.ZodObject<typeof investorShape>>;

function checkInvestor(inv: InvestorInput, ctx: z.RefinementCtx): void {
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
    if (inv.foreignRegistration) issue('foreignRegistration', 'a natural person has no registration number');
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
  } else issue('creditCode', 'a legal person gives its creditCode, or a foreign one its foreignRegistration');
}

export const Investor = z.object(investorShape).superRefine(checkInvestor);
/** A shareholder of a limited liability (or foreign-invested) company states the deadline. */
export const Shareholder = z
  .object({
    ...investorShape,
    contributionDeadline: z.iso.date(
      whenAbsent(
        'a shareholder of a limited liability company states the deadline, within five years of establishment (公司法 第四十七条)',
      ),
    ),
  })
  .superRefine(checkInvestor);
