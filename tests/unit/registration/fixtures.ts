/**
 * Valid applications, one per entity type, to vary in tests. Identity numbers are made up with valid
 * GB 11643 check digits; the legal-person investor's credit code is Huawei's, from the public registry.
 */
import type { EntityType } from '#domain/entity-types';
import type { Investor, Person, RegistrationApplication } from '#domain/registration/types';

export const ESTABLISHED_ON = '2026-03-16';

/**
 * The registration authority each application is valid at: 南山区's, where the tests reserve names and
 * the domicile is; a joint stock company registers at prefecture level, with 深圳市's (实施细则 第四条).
 */
export const authorityFor = (entityType: EntityType): string =>
  entityType === 'joint_stock_company' ? '440300' : '440305';

const person = (name: string, idNumber: string, phone = '13800138000'): Person => ({
  name,
  idType: 'resident_id',
  idNumber,
  phone,
});

/** A made-up resident identity number of someone born on `date` (YYYY-MM-DD), its GB 11643 check digit right. */
export function bornOn(date: string, seq = '013'): string {
  const body = `440305${date.replaceAll('-', '')}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** A person born on `date`. */
export const personBornOn = (name: string, date: string): Person => person(name, bornOn(date));

export const P = {
  zhang: person('张伟', '44030519850312001X'),
  li: person('李娜', '44030419900101002X'),
  wang: person('王芳', '11010519491231002X'),
  liu: person('刘洋', '310115197806150038'),
  chen: person('陈静', '330106199202020044'),
  zhao: person('赵磊', '440305198811110059'),
  sun: person('孙丽', '510107197007070063'),
};

export const HUAWEI = '914403001922038216';

export const natural = (p: Person, amount: string, extra: Partial<Investor> = {}): Investor => ({
  kind: 'natural_person',
  name: p.name,
  idType: p.idType,
  idNumber: p.idNumber,
  subscribedAmount: { amount, currency: 'CNY' },
  contributionForm: 'currency',
  contributionDeadline: '2030-12-31',
  ...extra,
});

export const domesticCompany = (amount: string, extra: Partial<Investor> = {}): Investor => ({
  kind: 'legal_person',
  name: '华为技术有限公司',
  creditCode: HUAWEI,
  subscribedAmount: { amount, currency: 'CNY' },
  contributionForm: 'currency',
  contributionDeadline: '2030-12-31',
  ...extra,
});

export const foreignCompany = (amount: string, currency = 'USD'): Investor => ({
  kind: 'legal_person',
  name: 'Example Trading GmbH',
  foreignRegistration: 'HRB 123456',
  country: 'DE',
  subscribedAmount: { amount, currency },
  contributionForm: 'currency',
  contributionDeadline: '2030-12-31',
});

const base = {
  reservationId: 'res_01',
  domicile: { division: '440305', address: '深圳市南山区科技园路1号', commitment: true },
  businessScope: ['I65001', 'M75001'],
  legalRepresentative: P.zhang,
  directors: [],
  supervisors: [],
  financialOfficer: P.wang,
  taxContact: P.liu,
  materials: ['mat_1', 'mat_2'],
} satisfies Partial<RegistrationApplication>;

const APPLICATIONS: Record<EntityType, RegistrationApplication> = {
  limited_liability_company: {
    ...base,
    entityType: 'limited_liability_company',
    registeredCapital: { amount: '1000000', currency: 'CNY' },
    investors: [natural(P.zhang, '600000'), domesticCompany('400000.00')],
    directors: [P.zhang],
    supervisors: [P.li],
  },
  joint_stock_company: {
    ...base,
    entityType: 'joint_stock_company',
    registeredCapital: { amount: '10000000', currency: 'CNY' },
    investors: [
      natural(P.zhang, '6000000', { contributionDeadline: '2026-03-10' }),
      natural(P.li, '4000000', { contributionDeadline: ESTABLISHED_ON }),
    ],
    directors: [P.zhang, P.li, P.chen],
    supervisors: [P.zhao],
    manager: P.chen,
  },
  foreign_invested_company: {
    ...base,
    entityType: 'foreign_invested_company',
    registeredCapital: { amount: '2000000', currency: 'USD' },
    businessScope: ['F51001', 'F51028'],
    investors: [
      foreignCompany('1500000'),
      {
        kind: 'natural_person',
        name: '何家明',
        idType: 'hk_macao_permit',
        idNumber: 'H12345678',
        subscribedAmount: { amount: '500000', currency: 'USD' },
        contributionForm: 'currency',
        contributionDeadline: '2031-03-16',
      },
    ],
    directors: [P.zhang],
    supervisors: [P.li],
  },
  sole_proprietorship: {
    ...base,
    entityType: 'sole_proprietorship',
    registeredCapital: { amount: '100000', currency: 'CNY' },
    businessScope: ['F52002', 'F52005'],
    investors: [natural(P.zhang, '100000', { contributionDeadline: '2040-01-01' })],
  },
  partnership: {
    ...base,
    entityType: 'partnership',
    registeredCapital: { amount: '200000', currency: 'CNY' },
    businessScope: ['L72002'],
    investors: [natural(P.zhang, '120000.50'), natural(P.li, '79999.50')],
  },
  individual_business: {
    ...base,
    entityType: 'individual_business',
    businessScope: ['H62001'],
    legalRepresentative: P.zhao,
    investors: [],
    financialOfficer: undefined,
    taxContact: P.zhao,
  },
  farmer_cooperative: {
    ...base,
    entityType: 'farmer_cooperative',
    registeredCapital: { amount: '50000', currency: 'CNY' },
    businessScope: ['A01001', 'A01002'],
    investors: [P.zhang, P.li, P.wang, P.liu, P.chen].map((p) => natural(p, '10000')),
  },
};

/** A fresh copy of the valid application of that type, with `changes` applied on top. */
export function application(
  entityType: EntityType,
  changes: Partial<RegistrationApplication> = {},
): RegistrationApplication {
  return { ...structuredClone(APPLICATIONS[entityType]), ...changes };
}
