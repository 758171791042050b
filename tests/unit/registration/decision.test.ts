import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '#domain/entity-types';
import {
  type AutoApprovalPolicy,
  autoApprovable,
  type DecisionContext,
  decide,
} from '#domain/registration/decision';
import type { RegistrationApplication } from '#domain/registration/types';
import policy from '#seeds/registration/auto-approval.json' with { type: 'json' };
import { application, domesticCompany, ESTABLISHED_ON, natural, P, personBornOn } from './fixtures.ts';

const standard: DecisionContext = {
  nameVerdict: 'available',
  missingMaterials: [],
  establishedOn: ESTABLISHED_ON,
};
const run = (app: RegistrationApplication, ctx: Partial<DecisionContext> = {}) =>
  decide(app, { ...standard, ...ctx });
const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => r.code);

describe('decide: the standard case is approved by rule', () => {
  it.each(policy.autoApprovableEntityTypes)('approves a standard %s', (entityType) => {
    const d = run(application(entityType as (typeof ENTITY_TYPES)[number]));
    expect(d.outcome).toBe('approve');
    expect(d.failedRules).toEqual([]);
  });

  it('records every rule it applied, with the policy version', () => {
    const d = run(application('limited_liability_company'), {
      nameRuleVersion: 'industries@2026.1+divisions@x',
    });
    expect(d.rules).toEqual([
      ...policy.rules.map(({ id }) => ({ id, version: policy.version })),
      { id: 'names', version: 'industries@2026.1+divisions@x' },
    ]);
    expect(d.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'name-available',
        'materials-complete',
        'capital-consistent',
        'domicile-committed',
      ]),
    );
  });

  it('tells the applicant of licences needed after registration, and still approves', () => {
    const d = run(application('individual_business'));
    expect(d.outcome).toBe('approve');
    expect(d.reasons).toEqual([expect.objectContaining({ code: 'scope-licensed', severity: 'info' })]);
  });
});

describe('decide: anything else goes to an examiner with the reasons', () => {
  it('sends a similar name to review with the warning', () => {
    const d = run(application('limited_liability_company'), { nameVerdict: 'similar' });
    expect(d).toMatchObject({ outcome: 'review', failedRules: ['name-available'] });
    expect(d.reasons).toEqual([expect.objectContaining({ code: 'name-similar', severity: 'warn' })]);
  });

  it('names each missing material in both languages', () => {
    const d = run(application('partnership'), {
      missingMaterials: ['partnership_agreement', 'domicile_commitment'],
    });
    expect(d.outcome).toBe('review');
    expect(d.failedRules).toEqual(['materials-complete']);
    expect(d.reasons.map((r) => r.messageEn)).toEqual([
      'Missing material: Partnership agreement signed by every partner',
      'Missing material: Domicile declaration and commitment',
    ]);
  });

  it.each(['joint_stock_company', 'foreign_invested_company'] as const)(
    'sends every %s to an examiner',
    (t) => {
      expect(autoApprovable(t)).toBe(false);
      const d = run(application(t));
      expect(d.outcome).toBe('review');
      expect(d.failedRules).toContain('entity-type-standard');
    },
  );

  it('sends a foreign-invested company to review for its foreign investment and unverifiable investors', () => {
    const d = run(application('foreign_invested_company'));
    expect(d.failedRules).toEqual([
      'entity-type-standard',
      'investors-domestic-verified',
      'no-foreign-investment',
    ]);
    expect(codes(d)).toEqual([
      'entity-type-examined',
      'investor-not-verified-by-rule',
      'investor-not-verified-by-rule',
      'foreign-investment',
    ]);
  });

  it('sends a scope item needing pre-approval to review under its own rule only', () => {
    const d = run(application('limited_liability_company', { businessScope: ['I65001', 'L72024'] }));
    expect(d.outcome).toBe('review');
    expect(d.failedRules).toEqual(['scope-no-pre-approval']);
  });

  it('sends inconsistent capital to review under capital-consistent', () => {
    const app = application('limited_liability_company', {
      investors: [natural(P.zhang, '600000'), domesticCompany('400000.01')],
    });
    const d = run(app);
    expect(d).toMatchObject({ outcome: 'review', failedRules: ['capital-consistent'] });
    expect(codes(d)).toEqual(['contribution-sum']);
  });

  it('sends an investor with a passport to review even in a valid partnership', () => {
    const app = application('partnership', {
      investors: [
        natural(P.zhang, '120000.50'),
        natural(P.li, '79999.50', { idType: 'passport', idNumber: 'E12345678', country: 'SG' }),
      ],
    });
    const d = run(app);
    expect(d.outcome).toBe('review');
    expect(d.failedRules).toEqual([
      'application-valid',
      'investors-domestic-verified',
      'no-foreign-investment',
    ]);
  });

  it('sends a 17-year-old director and a minor investor to review under application-valid, with why', () => {
    const young = personBornOn('青年', '2009-01-01');
    const child = personBornOn('童', '2015-06-01');
    const d = run(
      application('limited_liability_company', {
        legalRepresentative: young,
        directors: [young],
        investors: [natural(young, '600000'), natural(child, '400000')],
      }),
    );
    expect(d.outcome).toBe('review');
    expect(d.failedRules).toEqual(['application-valid']);
    expect(d.reasons.map((r) => `${r.code} ${r.path}`)).toEqual([
      'officer-capacity-by-own-income legalRepresentative',
      'officer-capacity-by-own-income directors.0',
      'investor-minor investors.0',
      'investor-minor investors.1',
    ]);
  });

  it('sends a legal representative without a resident identity card to review', () => {
    const rep = { ...P.zhang, idType: 'hk_macao_permit' as const, idNumber: 'H12345678' };
    const d = run(application('individual_business', { legalRepresentative: rep, taxContact: rep }));
    expect(d.failedRules).toEqual(['investors-domestic-verified']);
    expect(d.reasons).toContainEqual(
      expect.objectContaining({ code: 'legal-representative-not-verified-by-rule' }),
    );
  });

  it('reads a fault two checks see once: the missing domicile commitment', () => {
    const app = application('partnership', {
      domicile: { division: '440305', address: '深圳市南山区科技园路1号', commitment: false },
    });
    const d = run(app);
    expect(d.failedRules).toEqual(['domicile-committed']);
    expect(codes(d)).toEqual(['domicile-commitment-missing']);
  });

  it('gathers every reason of every failing rule at once', () => {
    const app = application('limited_liability_company', { directors: [], taxContact: undefined });
    const d = run(app, { nameVerdict: 'similar', missingMaterials: ['articles_of_association'] });
    expect(d.outcome).toBe('review');
    expect(d.failedRules).toEqual(['name-available', 'materials-complete', 'application-valid']);
    expect(codes(d)).toEqual([
      'name-similar',
      'material-missing',
      'directors-missing',
      'legal-representative-not-director-or-manager',
      'tax-contact-missing',
    ]);
  });
});

describe('decide: rejection', () => {
  it('rejects only a name that can no longer be registered, with every other reason too', () => {
    const d = run(application('limited_liability_company', { taxContact: undefined }), {
      nameVerdict: 'unavailable',
    });
    expect(d.outcome).toBe('reject');
    expect(codes(d)).toEqual(['name-unavailable', 'tax-contact-missing']);
  });

  it('does not reject what can be corrected', () => {
    const app = application('limited_liability_company', {
      directors: [],
      registeredCapital: { amount: '1', currency: 'CNY' },
    });
    expect(run(app, { missingMaterials: ['application_form'] }).outcome).toBe('review');
  });
});

describe('decide: the policy is data', () => {
  it('follows a policy that approves joint stock companies too', () => {
    const wider: AutoApprovalPolicy = {
      ...policy,
      version: '2099.1',
      autoApprovableEntityTypes: [...policy.autoApprovableEntityTypes, 'joint_stock_company'],
    };
    const d = run(application('joint_stock_company'), { policy: wider });
    expect(d.outcome).toBe('approve');
    expect(d.rules[0]).toEqual({ id: 'name-available', version: '2099.1' });
  });

  it('refuses a policy naming a rule the code does not know', () => {
    const bad: AutoApprovalPolicy = {
      ...policy,
      rules: [...policy.rules, { id: 'moon-phase', description: '', descriptionEn: '' }],
    };
    expect(() => run(application('partnership'), { policy: bad })).toThrow(/unknown rule moon-phase/);
  });

  it('lists only real entity types as approvable', () => {
    for (const t of policy.autoApprovableEntityTypes) expect(ENTITY_TYPES).toContain(t);
    expect(policy.version).toMatch(/^\d{4}\.\d+$/);
    expect(policy.basis).toContain('第十九条');
  });
});
