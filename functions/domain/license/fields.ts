/**
 * What a business license states (市场主体登记管理条例 art. 22; domain.md, E-license): the same fields
 * on the signed credential and on the printed PDF. No identity number: the license is public.
 */
import * as z from 'zod';
import { checkCreditCode } from '../credit-code.ts';
import { ENTITY_TYPES, type EntityType } from '../entity-types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export const moneySchema = z.strictObject({
  amount: z.string().regex(/^(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?$/),
  currency: z.string().regex(/^[A-Z]{3}$/),
});

export const licenseFieldsSchema = z.strictObject({
  name: z.string().min(1).max(100),
  creditCode: z
    .string()
    .regex(CREDIT_CODE)
    .refine(
      (code) => checkCreditCode(code).valid,
      'not a valid Unified Social Credit Code (check characters)',
    ),
  entityType: z.enum(ENTITY_TYPES),
  domicile: z.string().min(1).max(200),
  /** The legal representative's (or an individual business's operator's) name, never their id. */
  legalRepresentative: z.string().min(1).max(50),
  /** Subscribed capital; absent for an individual business, which registers none. */
  registeredCapital: moneySchema.optional(),
  establishedOn: z.string().regex(DATE),
  /** `to` absent means 长期 (no fixed term). */
  businessTerm: z.strictObject({ from: z.string().regex(DATE), to: z.string().regex(DATE).optional() }),
  /** The catalogue names of the scope items, in the order registered. */
  businessScope: z.array(z.string().min(1)).min(1),
  registrationAuthority: z.string().min(1).max(100),
  issuedOn: z.string().regex(DATE),
});

export type LicenseFields = z.infer<typeof licenseFieldsSchema>;

/** The printed name of each entity type (企业类型 on the license). */
export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  limited_liability_company: '有限责任公司',
  joint_stock_company: '股份有限公司',
  sole_proprietorship: '个人独资企业',
  partnership: '合伙企业',
  individual_business: '个体工商户',
  farmer_cooperative: '农民专业合作社',
  foreign_invested_company: '有限责任公司（外商投资）',
};

/** 2026-05-01 → 2026年05月01日, as licenses print dates. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日`;
}

/** Digits with the currency: unambiguous when read aloud or copied, unlike a rounded 万 form. */
export function capitalText(capital: LicenseFields['registeredCapital']): string {
  if (!capital) return '—';
  const unit = capital.currency === 'CNY' ? '元人民币' : ` ${capital.currency}`;
  return `${capital.amount}${unit}`;
}

export function businessTermText(term: LicenseFields['businessTerm']): string {
  return `${chineseDate(term.from)} 至 ${term.to ? chineseDate(term.to) : '长期'}`;
}
