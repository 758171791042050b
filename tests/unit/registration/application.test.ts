import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '#domain/entity-types';
import { validateApplication } from '#domain/registration/application';
import { isAcceptable, type Reason, type RegistrationApplication } from '#domain/registration/types';
import {
  application,
  authorityFor,
  domesticCompany,
  ESTABLISHED_ON,
  foreignCompany,
  HUAWEI,
  natural,
  P,
} from './fixtures.ts';

const validate = (app: RegistrationApplication) =>
  validateApplication(app, { establishedOn: ESTABLISHED_ON, authority: authorityFor(app.entityType) });
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);
const blocking = (reasons: Reason[]) => reasons.filter((r) => r.severity === 'block');

describe('validateApplication: a valid application of each entity type', () => {
  it.each(ENTITY_TYPES)('%s passes with no blocking reason', (entityType) => {
    const reasons = validate(application(entityType));
    expect(blocking(reasons)).toEqual([]);
    expect(isAcceptable(reasons)).toBe(true);
  });

  it('tells the applicant, without blocking, that a scope item needs a licence after registration', () => {
    const reasons = validate(application('individual_business'));
    expect(reasons).toEqual([
      expect.objectContaining({ code: 'scope-licensed', severity: 'info', path: 'businessScope.0' }),
    ]);
  });
});

describe('validateApplication: parties', () => {
  it('wants two partners for a partnership and five members for a cooperative', () => {
    const partnership = application('partnership', {
      registeredCapital: { amount: '120000.50', currency: 'CNY' },
      investors: [natural(P.zhang, '120000.50')],
    });
    expect(validate(partnership)).toEqual([
      expect.objectContaining({ code: 'investors-too-few', basis: '《合伙企业法》第十四条' }),
    ]);
    const coop = application('farmer_cooperative');
    coop.investors = coop.investors.slice(0, 4);
    coop.registeredCapital = { amount: '40000', currency: 'CNY' };
    expect(codes(validate(coop))).toEqual(['investors-too-few']);
  });

  it('wants exactly one natural person for a sole proprietorship', () => {
    const two = application('sole_proprietorship', {
      investors: [natural(P.zhang, '50000'), natural(P.li, '50000')],
    });
    expect(codes(validate(two))).toEqual(['investors-too-many']);
    const company = application('sole_proprietorship', { investors: [domesticCompany('100000')] });
    expect(validate(company)).toEqual([
      expect.objectContaining({ code: 'investor-kind', path: 'investors.0.kind' }),
    ]);
  });

  it('allows at most 50 shareholders in a limited liability company', () => {
    const investors = Array.from({ length: 51 }, () => natural(P.zhang, '1'));
    const app = application('limited_liability_company', {
      registeredCapital: { amount: '51', currency: 'CNY' },
      investors,
    });
    expect(codes(validate(app))).toEqual(['investors-too-many']);
  });

  it('registers no investors for an individual business: its operator is the legal representative', () => {
    const app = application('individual_business', { investors: [natural(P.zhao, '1000')] });
    expect(codes(blocking(validate(app)))).toEqual(['investors-not-applicable']);
  });

  it('refuses a bad identity number and a bad credit code, at their paths', () => {
    const app = application('limited_liability_company', {
      investors: [
        natural(P.zhang, '600000', { idNumber: '440305198503120010' }),
        domesticCompany('400000', { creditCode: `${HUAWEI.slice(0, 17)}7` }),
      ],
    });
    expect(validate(app)).toEqual([
      expect.objectContaining({ code: 'investor-identity-invalid', path: 'investors.0.idNumber' }),
      expect.objectContaining({ code: 'investor-credit-code-invalid', path: 'investors.1.creditCode' }),
    ]);
    // Personal data stays out of the messages: the path says who is meant.
    expect(JSON.stringify(validate(app))).not.toContain('440305198503120010');
  });

  it('wants a legal person identified by a credit code or a foreign registration and country', () => {
    const app = application('limited_liability_company', {
      investors: [natural(P.zhang, '600000'), { ...domesticCompany('400000'), creditCode: undefined }],
    });
    expect(codes(validate(app))).toEqual(['investor-identification-missing']);
  });

  it('wants a foreign investor in a foreign-invested company', () => {
    const app = application('foreign_invested_company', {
      registeredCapital: { amount: '1000000', currency: 'CNY' },
      investors: [natural(P.zhang, '1000000')],
    });
    expect(codes(validate(app))).toEqual(['foreign-investor-missing']);
  });

  it('sends a company with a foreign investor to the foreign-invested type', () => {
    const app = application('limited_liability_company', {
      investors: [natural(P.zhang, '600000'), foreignCompany('400000', 'CNY')],
    });
    expect(validate(app)).toEqual([
      expect.objectContaining({ code: 'foreign-investor-needs-foreign-invested-type', path: 'entityType' }),
    ]);
  });

  it('counts a Hong Kong resident with a residence permit number (810000…) as a foreign investor', () => {
    const app = application('limited_liability_company', {
      investors: [natural(P.zhang, '600000'), natural({ ...P.li, idNumber: '810000198001010014' }, '400000')],
    });
    expect(codes(validate(app))).toEqual(['foreign-investor-needs-foreign-invested-type']);
  });

  it('lets an examiner look at a foreign partner, and refuses a foreign sole proprietor', () => {
    const partnership = application('partnership', {
      investors: [natural(P.zhang, '120000.50'), foreignCompany('79999.50', 'CNY')],
    });
    expect(validate(partnership)).toEqual([
      expect.objectContaining({ code: 'foreign-member', severity: 'warn' }),
    ]);
    const sole = application('sole_proprietorship', {
      investors: [natural(P.zhang, '100000', { idType: 'passport', idNumber: 'E12345678', country: 'SG' })],
    });
    expect(codes(validate(sole))).toEqual(['foreign-investor-not-allowed']);
  });
});

describe('validateApplication: officers (公司法 2024)', () => {
  it('wants a director, and a board of three rather than two', () => {
    expect(codes(validate(application('limited_liability_company', { directors: [] })))).toEqual([
      'directors-missing',
      'legal-representative-not-director-or-manager',
    ]);
    const two = application('limited_liability_company', { directors: [P.zhang, P.chen] });
    expect(codes(validate(two))).toEqual(['directors-board-size']);
    const three = application('limited_liability_company', { directors: [P.zhang, P.chen, P.sun] });
    expect(codes(validate(three))).toEqual([]);
  });

  it('wants a supervisor unless all shareholders agree or an audit committee supervises', () => {
    expect(codes(validate(application('limited_liability_company', { supervisors: [] })))).toEqual([
      'supervisor-missing',
    ]);
    for (const supervisorExemption of ['all_shareholders_consent', 'audit_committee'] as const)
      expect(
        codes(validate(application('limited_liability_company', { supervisors: [], supervisorExemption }))),
      ).toEqual([]);
    expect(codes(validate(application('limited_liability_company', { supervisors: [P.li, P.sun] })))).toEqual(
      ['supervisors-board-size'],
    );
  });

  it("lets a joint stock company do without supervisors only with an audit committee, not by shareholders' consent", () => {
    const consent = application('joint_stock_company', {
      supervisors: [],
      supervisorExemption: 'all_shareholders_consent',
    });
    expect(codes(validate(consent))).toEqual(['supervisor-exemption-not-allowed']);
    const audit = application('joint_stock_company', {
      supervisors: [],
      supervisorExemption: 'audit_committee',
    });
    expect(codes(validate(audit))).toEqual([]);
  });

  it('refuses a director or senior manager who is also a supervisor', () => {
    const app = application('limited_liability_company', { supervisors: [P.wang] }); // the financial officer
    expect(validate(app)).toEqual([
      expect.objectContaining({ code: 'supervisor-conflict', path: 'supervisors.0' }),
    ]);
  });

  it('wants a manager in a joint stock company', () => {
    const app = application('joint_stock_company', { manager: undefined, legalRepresentative: P.zhang });
    expect(codes(validate(app))).toEqual(['manager-missing']);
  });

  it('wants the legal representative to be a director or the manager (第十条)', () => {
    const outsider = application('limited_liability_company', { legalRepresentative: P.sun });
    expect(validate(outsider)).toEqual([
      expect.objectContaining({
        code: 'legal-representative-not-director-or-manager',
        path: 'legalRepresentative',
      }),
    ]);
    const manager = application('limited_liability_company', { legalRepresentative: P.sun, manager: P.sun });
    expect(codes(validate(manager))).toEqual([]);
  });

  it('wants the financial officer and the tax contact the tax department registers', () => {
    const app = application('partnership', { financialOfficer: undefined, taxContact: undefined });
    expect(codes(validate(app))).toEqual(['financial-officer-missing', 'tax-contact-missing']);
    // The operator of an individual business keeps the books: only the tax contact is wanted.
    expect(codes(validate(application('individual_business', { taxContact: undefined })))).toEqual([
      'tax-contact-missing',
      'scope-licensed',
    ]);
  });

  it('wants the domicile commitment', () => {
    const app = application('partnership', {
      domicile: { division: '440305', address: '深圳市南山区科技园路1号', commitment: false },
    });
    expect(validate(app)).toEqual([
      expect.objectContaining({ code: 'domicile-commitment-missing', path: 'domicile.commitment' }),
    ]);
  });
});

describe('validateApplication: business scope', () => {
  it('refuses items outside the catalogue and items listed twice', () => {
    const app = application('partnership', { businessScope: ['L72002', 'Z99999', 'L72002'] });
    expect(validate(app)).toEqual([
      expect.objectContaining({ code: 'scope-unknown', path: 'businessScope.1' }),
      expect.objectContaining({ code: 'scope-duplicate', path: 'businessScope.2' }),
    ]);
  });

  it('flags an item needing approval before registration for the examiner', () => {
    const app = application('limited_liability_company', { businessScope: ['I65001', 'L72024'] });
    expect(validate(app)).toEqual([
      expect.objectContaining({ code: 'scope-pre-approval', severity: 'warn', path: 'businessScope.1' }),
    ]);
  });
});

describe('validateApplication: every reason at once', () => {
  it('reports capital, parties, officers and scope together', () => {
    const app = application('limited_liability_company', {
      registeredCapital: { amount: '1000000', currency: 'CNY' },
      investors: [natural(P.zhang, '1', { contributionDeadline: '2040-01-01' })],
      directors: [],
      taxContact: undefined,
      businessScope: ['Q99999'],
    });
    expect(codes(validate(app))).toEqual([
      'contribution-deadline-five-years',
      'contribution-sum',
      'directors-missing',
      'legal-representative-not-director-or-manager',
      'tax-contact-missing',
      'scope-unknown',
    ]);
  });
});
