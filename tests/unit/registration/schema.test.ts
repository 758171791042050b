import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BankIntakeRequest,
  Investor,
  Money,
  RegistrationRequest,
  RegistrationView,
} from '#contract/schemas/registration';
import { ENTITY_TYPES } from '#domain/entity-types';
import type { RegistrationApplication } from '#domain/registration/types';
import { application, HUAWEI, P } from './fixtures.ts';

/** The issues as `path: message`, the form the problem details carry. */
function issues(schema: z.ZodType, body: unknown): string[] {
  const r = schema.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const body = (entityType: (typeof ENTITY_TYPES)[number]) =>
  JSON.parse(JSON.stringify(application(entityType)));

describe('RegistrationRequest', () => {
  it.each(ENTITY_TYPES)(
    'accepts the valid %s application, and its output is what the domain reads',
    (entityType) => {
      const parsed: RegistrationApplication = RegistrationRequest.parse(body(entityType));
      expect(parsed.entityType).toBe(entityType);
      expect(parsed.investors).toHaveLength(application(entityType).investors.length);
    },
  );

  it('defaults the contribution form to currency and the lists to empty', () => {
    const b = body('individual_business');
    delete b.investors;
    delete b.directors;
    delete b.supervisors;
    const parsed = RegistrationRequest.parse(b);
    expect(parsed).toMatchObject({ investors: [], directors: [], supervisors: [] });
    const lb = body('partnership');
    delete lb.investors[0].contributionForm;
    expect(RegistrationRequest.parse(lb).investors[0]?.contributionForm).toBe('currency');
  });

  it('reports a bad resident identity number at the path of the field, with the GB 11643 reason', () => {
    const b = body('limited_liability_company');
    b.investors[0].idNumber = '440305198503120010';
    b.supervisors[0].idNumber = '44030419900101002';
    expect(issues(RegistrationRequest, b)).toEqual([
      'investors.0.idNumber: the check digit does not match (GB 11643)',
      'supervisors.0.idNumber: must be 17 digits and a check digit or X',
    ]);
  });

  it('checks the other documents for their shape', () => {
    const person = (idType: string, idNumber: string) => ({ ...P.zhang, idType, idNumber });
    const b = body('limited_liability_company');
    b.directors = [
      person('hk_macao_permit', 'H1234567'),
      person('taiwan_permit', '1234567A'),
      person('passport', 'E1'),
    ];
    expect(issues(RegistrationRequest, b)).toEqual([
      'directors.0.idNumber: a Hong Kong or Macao permit number is H or M and 8 (or 10) digits',
      'directors.1.idNumber: a Taiwan permit number is 8 (or 10) digits',
      'directors.2.idNumber: a passport number is 5 to 20 letters and digits',
    ]);
    b.directors = [person('hk_macao_permit', 'm12345678'), person('taiwan_permit', '12345678')];
    expect(issues(RegistrationRequest, b)).toEqual([]);
  });

  it('validates a domestic legal person by its credit code', () => {
    const b = body('limited_liability_company');
    b.investors[1].creditCode = `${HUAWEI.slice(0, 17)}7`;
    expect(issues(RegistrationRequest, b)).toEqual([
      "investors.1.creditCode: check character is '7', expected '6' (GB 32100)",
    ]);
  });

  it('wants foreign legal persons to name their registration and country, and passport holders their nationality', () => {
    const b = body('foreign_invested_company');
    delete b.investors[0].country;
    b.investors[1] = { ...b.investors[1], idType: 'passport', idNumber: 'E12345678' };
    expect(issues(RegistrationRequest, b)).toEqual([
      'investors.0.country: a foreign legal person gives the country or region of its registration',
      'investors.1.country: a passport holder gives their nationality',
    ]);
    b.investors[0].country = 'XX';
    b.investors[1].country = 'CN';
    expect(issues(RegistrationRequest, b)).toEqual([
      'investors.0.country: not an ISO 3166-1 country or region',
    ]);
  });

  it('keeps natural and legal persons apart', () => {
    const parse = (inv: unknown) => issues(Investor, inv);
    const money = { amount: '1', currency: 'CNY' };
    expect(parse({ kind: 'natural_person', name: 'x', subscribedAmount: money })).toEqual([
      'idType: a natural person gives an identity document type',
      'idNumber: a natural person gives an identity document number',
    ]);
    expect(parse({ kind: 'legal_person', name: 'x', subscribedAmount: money })).toEqual([
      'creditCode: a legal person gives its creditCode, or a foreign one its foreignRegistration',
    ]);
    expect(
      parse({
        kind: 'legal_person',
        name: 'x',
        creditCode: HUAWEI,
        foreignRegistration: 'R1',
        subscribedAmount: money,
      }),
    ).toEqual([
      'foreignRegistration: a legal person is either domestic (creditCode) or foreign (foreignRegistration)',
    ]);
  });

  it('answers at once, at each path, what the form requires and the body lacks', () => {
    const llc = body('limited_liability_company');
    delete llc.directors;
    delete llc.financialOfficer;
    delete llc.taxContact;
    delete llc.investors[1].contributionDeadline;
    expect(issues(RegistrationRequest, llc)).toEqual([
      'investors.1.contributionDeadline: a shareholder of a limited liability company states the deadline, within five years of establishment (公司法 第四十七条)',
      'directors: a company has a board of directors or one director',
      'financialOfficer: the financial officer (财务负责人), whom the tax department registers',
      'taxContact: the tax contact (办税人), whom the tax department registers',
    ]);
    const jsc = body('joint_stock_company');
    delete jsc.manager;
    jsc.investors = [];
    expect(issues(RegistrationRequest, jsc)).toEqual([
      'investors: a joint_stock_company has at least 1 investor (《公司法》第九十二条)',
      'manager: the manager (经理), whom a joint stock company has (公司法 第一百二十六条)',
    ]);
    const coop = body('farmer_cooperative');
    coop.investors = coop.investors.slice(0, 4);
    expect(issues(RegistrationRequest, coop)).toEqual([
      'investors: a farmer_cooperative has at least 5 investors (《农民专业合作社法》第十二条)',
    ]);
  });

  it('lets a joint stock promoter and an individual business go without what their forms do not need', () => {
    const jsc = body('joint_stock_company');
    for (const inv of jsc.investors) delete inv.contributionDeadline;
    expect(issues(RegistrationRequest, jsc)).toEqual([]);
    const ib = body('individual_business');
    delete ib.financialOfficer;
    expect(issues(RegistrationRequest, ib)).toEqual([]);
    ib.investors = [body('partnership').investors[0]];
    expect(issues(RegistrationRequest, ib)).toEqual([
      'investors: an individual business registers its operator as legalRepresentative, not investors',
    ]);
  });

  it('refuses an unknown entity type at entityType', () => {
    expect(issues(RegistrationRequest, { ...body('partnership'), entityType: 'trust' })[0]).toMatch(
      /^entityType: /,
    );
  });

  it('wants the registered capital for types that have one and none for an individual business', () => {
    const llc = body('limited_liability_company');
    delete llc.registeredCapital;
    expect(issues(RegistrationRequest, llc)).toEqual([
      'registeredCapital: a limited_liability_company states its registered capital (or total contributions)',
    ]);
    const ib = { ...body('individual_business'), registeredCapital: { amount: '1000', currency: 'CNY' } };
    expect(issues(RegistrationRequest, ib)).toEqual([
      'registeredCapital: an individual business has no capital',
    ]);
  });

  it('refuses scope items and investors listed twice', () => {
    const b = body('limited_liability_company');
    b.businessScope = ['I65001', 'I65001'];
    b.investors[1] = { ...b.investors[0] };
    expect(issues(RegistrationRequest, b)).toEqual([
      'businessScope.1: listed twice',
      'investors.1: this investor is listed twice',
    ]);
  });

  it('wants the domicile commitment to be true', () => {
    const b = body('partnership');
    b.domicile.commitment = false;
    expect(issues(RegistrationRequest, b)).toEqual([
      'domicile.commitment: the applicant commits to the truth of the declared domicile',
    ]);
  });

  it('wants dates as YYYY-MM-DD and scope codes from the catalogue', () => {
    const b = body('limited_liability_company');
    b.investors[0].contributionDeadline = '2030-02-30';
    b.businessScope = ['软件开发'];
    expect(issues(RegistrationRequest, b).map((i) => i.split(':')[0])).toEqual([
      'businessScope.0',
      'investors.0.contributionDeadline',
    ]);
  });
});

describe('Money', () => {
  it.each([
    ['1000000', 'CNY'],
    ['2500.50', 'CNY'],
    ['0.01', 'USD'],
  ])('accepts %s %s', (amount, currency) => {
    expect(Money.safeParse({ amount, currency }).success).toBe(true);
  });

  it.each([
    ['1.234', 'CNY'],
    ['-5', 'CNY'],
    ['100', 'RMB'],
    ['100', 'cny'],
  ])('refuses %s %s', (amount, currency) => {
    expect(Money.safeParse({ amount, currency }).success).toBe(false);
  });

  it('refuses a number where a decimal string is wanted', () => {
    expect(Money.safeParse({ amount: 1000000, currency: 'CNY' }).success).toBe(false);
  });
});

describe('BankIntakeRequest', () => {
  const intake = (applicant: object) => ({
    applicant: {
      name: '张伟',
      idNumber: P.zhang.idNumber,
      phone: '13800138000',
      consent: true,
      ...applicant,
    },
    registration: body('limited_liability_company'),
  });

  it('accepts an applicant with a resident identity card by default', () => {
    expect(BankIntakeRequest.parse(intake({})).applicant.idType).toBe('resident_id');
  });

  it("wants the applicant's consent and a valid identity number", () => {
    expect(issues(BankIntakeRequest, intake({ consent: false, idNumber: '440305198503120010' }))).toEqual([
      'applicant.consent: the applicant consents to the bank filing on their behalf',
    ]);
    expect(issues(BankIntakeRequest, intake({ idNumber: '440305198503120010' }))).toEqual([
      'applicant.idNumber: the check digit does not match (GB 11643)',
    ]);
  });

  it('reports errors in the registration under registration.*', () => {
    const b = intake({});
    b.registration.reservationId = 'no spaces';
    expect(issues(BankIntakeRequest, b)[0]).toMatch(/^registration\.reservationId: /);
  });
});

describe('RegistrationView', () => {
  it('describes a registered case and appears in the JSON Schema under its id', () => {
    const view = {
      id: 'reg_1',
      status: 'registered',
      channel: 'bank',
      timeline: [{ step: 'decision', status: 'approved', at: '2026-03-16T10:00:00+08:00' }],
      creditCode: '91440300MAJ30000XX',
    };
    expect(RegistrationView.parse(view)).toEqual(view);
    expect(RegistrationView.safeParse({ ...view, status: 'done' }).success).toBe(false);
    expect(z.globalRegistry.get(RegistrationView)?.id).toBe('RegistrationView');
    expect(z.globalRegistry.get(RegistrationRequest)?.id).toBe('RegistrationRequest');
  });
});

describe('the OpenAPI document', () => {
  /** A schema with a meta id is emitted as a `$ref` to its definition under that id. */
  const definition = (schema: z.ZodType, id: string, io: 'input' | 'output') => {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
    expect(json.$ref).toBe(`#/$defs/${id}`);
    return json.$defs?.[id] as { type: string; required: string[] };
  };

  it('can be generated from the request and view schemas, as functions/api/openapi.ts does', () => {
    const json = z.toJSONSchema(RegistrationRequest, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    });
    expect(json.$ref).toBe('#/$defs/RegistrationRequest');
    const defs = json.$defs ?? {};
    const forms = (defs.RegistrationRequest as { oneOf: { $ref: string }[] }).oneOf;
    expect(forms).toHaveLength(ENTITY_TYPES.length);
    const always = [
      'reservationId',
      'entityType',
      'domicile',
      'businessScope',
      'legalRepresentative',
      'taxContact',
    ];
    for (const { $ref } of forms)
      expect((defs[$ref.slice('#/$defs/'.length)] as { required: string[] }).required).toEqual(
        expect.arrayContaining(always),
      );
    expect(definition(BankIntakeRequest, 'BankIntakeRequest', 'input').required).toEqual([
      'applicant',
      'registration',
    ]);
    expect(definition(RegistrationView, 'RegistrationView', 'output').required).toEqual(
      expect.arrayContaining(['id', 'status', 'channel', 'timeline']),
    );
  });

  it('marks the fields each entity type requires', () => {
    const json = z.toJSONSchema(RegistrationRequest, { target: 'draft-2020-12', io: 'input' });
    const form = (id: string) =>
      json.$defs?.[id] as {
        required: string[];
        properties: Record<string, { minItems?: number; items?: { required?: string[] } }>;
      };
    const llc = form('LimitedLiabilityCompanyRegistration');
    expect(llc.required).toEqual(
      expect.arrayContaining(['registeredCapital', 'investors', 'directors', 'financialOfficer']),
    );
    expect(llc.properties.directors?.minItems).toBe(1);
    expect(llc.properties.investors?.items?.required).toContain('contributionDeadline');
    expect(form('JointStockCompanyRegistration').required).toContain('manager');
    expect(form('JointStockCompanyRegistration').properties.investors?.items?.required).not.toContain(
      'contributionDeadline',
    );
    expect(form('PartnershipRegistration').properties.investors?.minItems).toBe(2);
    expect(form('FarmerCooperativeRegistration').properties.investors?.minItems).toBe(5);
    const ib = form('IndividualBusinessRegistration');
    expect(ib.required).not.toContain('investors');
    expect(ib.required).not.toContain('financialOfficer');
    expect(ib.required).not.toContain('registeredCapital');
  });
});
