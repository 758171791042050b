/**
 * The parties: how many investors the form allows and of which kind, that each is identified, and
 * that foreign investment comes as a foreign-invested enterprise.
 */
import { checkCreditCode } from '../credit-code.ts';
import type { IdentityCheck } from '../identity.ts';
import { ENTITY_FORMS } from './forms.ts';
import { checkIdNumber, isNonResident } from './id-documents.ts';
import { type Investor, type Reason, type RegistrationApplication, reason } from './types.ts';

/** A foreign legal person, or a natural person who is not a mainland resident. */
export function isForeignInvestor(inv: Investor): boolean {
  return inv.kind === 'legal_person'
    ? Boolean(inv.foreignRegistration)
    : isNonResident(inv.idType, inv.idNumber);
}

export function checkParties(app: RegistrationApplication): Reason[] {
  const form = ENTITY_FORMS[app.entityType];
  const out: Reason[] = [];
  const n = app.investors.length;

  if (app.entityType === 'individual_business' && n > 0)
    out.push(
      reason(
        'investors-not-applicable',
        'block',
        'investors',
        '个体工商户由经营者申请登记，不登记投资人；经营者填写在法定代表人（经营者）一栏',
        'An individual business registers its operator (as legalRepresentative), not investors',
        form.investors.basis,
      ),
    );
  else if (n < form.investors.min)
    out.push(
      reason(
        'investors-too-few',
        'block',
        'investors',
        `该类型至少应有 ${form.investors.min} 名投资人（股东、合伙人或成员），申报了 ${n} 名`,
        `This entity type needs at least ${form.investors.min} investors (shareholders, partners or members); ${n} given`,
        form.investors.basis,
      ),
    );
  else if (n > form.investors.max)
    out.push(
      reason(
        'investors-too-many',
        'block',
        'investors',
        `该类型至多 ${form.investors.max} 名投资人，申报了 ${n} 名`,
        `This entity type allows at most ${form.investors.max} investors; ${n} given`,
        form.investors.basis,
      ),
    );

  app.investors.forEach((inv, i) => {
    out.push(...checkInvestor(app, inv, `investors.${i}`));
  });

  const foreign = app.investors.some(isForeignInvestor);
  if (form.foreignInvestorRequired && !foreign)
    out.push(
      reason(
        'foreign-investor-missing',
        'block',
        'investors',
        '外商投资企业至少应有一名外国投资者（境外法人或非内地居民自然人）',
        'A foreign-invested enterprise has at least one foreign investor (a foreign legal person or a non-resident person)',
        '《外商投资法》第二条',
      ),
    );
  if (foreign && !form.foreignInvestorRequired) out.push(foreignInDomesticForm(app));
  return out;
}

function checkInvestor(app: RegistrationApplication, inv: Investor, at: string): Reason[] {
  const kinds = ENTITY_FORMS[app.entityType].investors.kinds;
  if (kinds.length > 0 && !kinds.includes(inv.kind))
    return [
      reason(
        'investor-kind',
        'block',
        `${at}.kind`,
        '个人独资企业的投资人只能是一个自然人',
        'The investor of a sole proprietorship is one natural person',
        '《个人独资企业法》第二条',
      ),
    ];
  if (inv.kind === 'natural_person') {
    const check: IdentityCheck =
      inv.idType && inv.idNumber
        ? checkIdNumber(inv.idType, inv.idNumber)
        : { valid: false, reason: 'no identity document given' };
    if (!check.valid)
      return [
        reason(
          'investor-identity-invalid',
          'block',
          `${at}.idNumber`,
          `自然人投资人的身份证件号码无效：${check.reason}`,
          `The natural-person investor's identity number is not valid: ${check.reason}`,
        ),
      ];
    return [];
  }
  if (inv.creditCode) {
    const check = checkCreditCode(inv.creditCode);
    return check.valid
      ? []
      : [
          reason(
            'investor-credit-code-invalid',
            'block',
            `${at}.creditCode`,
            `法人投资人的统一社会信用代码无效：${check.reason}`,
            `The legal-person investor's credit code is not valid: ${check.reason}`,
            'GB 32100-2015',
          ),
        ];
  }
  if (inv.foreignRegistration && inv.country) return [];
  return [
    reason(
      'investor-identification-missing',
      'block',
      at,
      '法人投资人应当提供统一社会信用代码，境外法人应当提供其注册号和所在国家（地区）',
      'A legal-person investor gives its credit code, or a foreign one its registration number and country',
    ),
  ];
}

/**
 * A company with foreign investment is a foreign-invested enterprise and files as one (the commerce
 * department receives it); a partnership or cooperative with a foreign member is possible but rare,
 * so an examiner looks; a sole proprietorship cannot have a foreign investor at all.
 */
function foreignInDomesticForm(app: RegistrationApplication): Reason {
  if (app.entityType === 'partnership' || app.entityType === 'farmer_cooperative')
    return reason(
      'foreign-member',
      'warn',
      'investors',
      '有外国投资者参与，需审查外商投资的相关规定',
      'A foreign investor takes part: the foreign-investment rules are checked by an examiner',
      '《外商投资法》第三十一条',
    );
  if (app.entityType === 'sole_proprietorship')
    return reason(
      'foreign-investor-not-allowed',
      'block',
      'investors',
      '外国投资者不能设立个人独资企业',
      'A foreign investor cannot establish a sole proprietorship',
      '《个人独资企业法》第四十七条',
    );
  return reason(
    'foreign-investor-needs-foreign-invested-type',
    'block',
    'entityType',
    '有外国投资者的公司应当按外商投资企业（foreign_invested_company）申请登记',
    'A company with a foreign investor files as a foreign-invested company (foreign_invested_company)',
    '《外商投资法》第二条、第三十一条',
  );
}
