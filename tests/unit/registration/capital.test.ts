import { describe, expect, it } from 'vitest';
import { validateApplication } from '#domain/registration/application';
import { yearsLater } from '#domain/registration/capital';
import type { Reason, RegistrationApplication } from '#domain/registration/types';
import { application, authorityFor, domesticCompany, ESTABLISHED_ON, natural, P } from './fixtures.ts';

const validate = (app: RegistrationApplication) =>
  validateApplication(app, { establishedOn: ESTABLISHED_ON, authority: authorityFor(app.entityType) });
const codes = (reasons: Reason[]) => reasons.map((r) => r.code);
const blocking = (reasons: Reason[]) => reasons.filter((r) => r.severity === 'block');

describe('yearsLater (民法典 第二百零二条)', () => {
  it.each([
    ['2026-03-16', 5, '2031-03-16'],
    ['2028-02-29', 5, '2033-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2026-12-31', 1, '2027-12-31'],
  ])('%s plus %i years ends on %s', (date, years, end) => {
    expect(yearsLater(date, years)).toBe(end);
  });
});

describe('validateApplication: capital and contributions', () => {
  it('refuses contributions that miss the registered capital by one cent', () => {
    const app = application('limited_liability_company', {
      investors: [natural(P.zhang, '600000'), domesticCompany('399999.99')],
    });
    const [r] = validate(app);
    expect(r).toMatchObject({
      code: 'contribution-sum',
      severity: 'block',
      path: 'registeredCapital.amount',
    });
    expect(r?.messageEn).toContain('999999.99 CNY');
    expect(r?.messageEn).toContain('1000000 CNY');
  });

  it('adds 0.10 and 0.20 to a capital of 0.30 exactly', () => {
    const app = application('partnership', {
      registeredCapital: { amount: '0.3', currency: 'CNY' },
      investors: [natural(P.zhang, '0.10'), natural(P.li, '0.20')],
    });
    expect(codes(validate(app))).toEqual([]);
  });

  it('refuses a missing capital, and capital for an individual business', () => {
    expect(codes(validate(application('partnership', { registeredCapital: undefined })))).toEqual([
      'capital-missing',
    ]);
    const ib = application('individual_business', {
      registeredCapital: { amount: '50000', currency: 'CNY' },
    });
    expect(codes(validate(ib))).toContain('capital-not-applicable');
  });

  it('refuses a zero capital and a zero contribution', () => {
    const app = application('partnership', {
      registeredCapital: { amount: '0.00', currency: 'CNY' },
      investors: [natural(P.zhang, '0'), natural(P.li, '0')],
    });
    expect(codes(validate(app))).toEqual([
      'capital-not-positive',
      'contribution-not-positive',
      'contribution-not-positive',
    ]);
  });

  it('keeps foreign currency for foreign-invested enterprises', () => {
    const app = application('limited_liability_company', {
      registeredCapital: { amount: '1000000', currency: 'USD' },
      investors: [natural(P.zhang, '1000000', { subscribedAmount: { amount: '1000000', currency: 'USD' } })],
    });
    expect(validate(app)).toEqual([
      expect.objectContaining({ code: 'capital-currency', path: 'registeredCapital.currency' }),
    ]);
    expect(blocking(validate(application('foreign_invested_company')))).toEqual([]);
  });

  it('refuses a contribution in another currency than the capital, without a meaningless sum', () => {
    const app = application('limited_liability_company', {
      investors: [
        natural(P.zhang, '600000'),
        { ...domesticCompany('400000'), subscribedAmount: { amount: '400000', currency: 'HKD' } },
      ],
    });
    expect(validate(app)).toEqual([
      expect.objectContaining({
        code: 'contribution-currency',
        path: 'investors.1.subscribedAmount.currency',
      }),
    ]);
  });
});

describe('validateApplication: the five-year rule (公司法 第四十七条)', () => {
  const withDeadline = (contributionDeadline: string | undefined, establishedOn = ESTABLISHED_ON) =>
    validateApplication(
      application('limited_liability_company', {
        investors: [natural(P.zhang, '1000000', { contributionDeadline })],
      }),
      { establishedOn, authority: '440305' },
    );

  it('accepts a deadline on the last day of the fifth year, and refuses the day after', () => {
    expect(codes(withDeadline('2031-03-16'))).toEqual([]);
    const [r] = withDeadline('2031-03-17');
    expect(r).toMatchObject({
      code: 'contribution-deadline-five-years',
      path: 'investors.0.contributionDeadline',
      basis: '《公司法》第四十七条',
    });
    expect(r?.messageEn).toContain('by 2031-03-16');
  });

  it('ends five years from 29 February on 28 February, the month having no 29th', () => {
    expect(codes(withDeadline('2033-02-28', '2028-02-29'))).toEqual([]);
    expect(codes(withDeadline('2033-03-01', '2028-02-29'))).toEqual(['contribution-deadline-five-years']);
  });

  it('wants a deadline from every shareholder of a limited liability company', () => {
    expect(withDeadline(undefined)).toEqual([
      expect.objectContaining({
        code: 'contribution-deadline-missing',
        path: 'investors.0.contributionDeadline',
      }),
    ]);
  });

  it('applies to foreign-invested companies but not to partnerships', () => {
    const fie = application('foreign_invested_company');
    fie.investors = fie.investors.map((i) => ({ ...i, contributionDeadline: '2040-01-01' }));
    expect(codes(validate(fie))).toEqual([
      'contribution-deadline-five-years',
      'contribution-deadline-five-years',
    ]);
    const partnership = application('partnership');
    partnership.investors = partnership.investors.map((i) => ({ ...i, contributionDeadline: '2060-01-01' }));
    expect(codes(validate(partnership))).toEqual([]);
  });

  it('wants joint stock promoters to pay in full before establishment (第九十八条)', () => {
    const app = application('joint_stock_company');
    app.investors = [app.investors[0]!, { ...app.investors[1]!, contributionDeadline: '2026-03-17' }];
    expect(validate(app)).toEqual([
      expect.objectContaining({
        code: 'contribution-after-establishment',
        path: 'investors.1.contributionDeadline',
      }),
    ]);
  });

  it('reports every deadline even when the registered capital is missing: all findings at once', () => {
    const app = application('limited_liability_company', {
      registeredCapital: undefined,
      investors: [natural(P.zhang, '1000000', { contributionDeadline: undefined })],
    });
    expect(codes(validate(app))).toEqual(['capital-missing', 'contribution-deadline-missing']);
    const jsc = application('joint_stock_company', { registeredCapital: undefined });
    jsc.investors = jsc.investors.map((i) => ({ ...i, contributionDeadline: '2026-04-01' }));
    expect(validate(jsc)).toEqual([
      expect.objectContaining({ code: 'capital-missing' }),
      expect.objectContaining({ code: 'contribution-after-establishment', basis: '《公司法》第九十八条' }),
      expect.objectContaining({
        code: 'contribution-after-establishment',
        path: 'investors.1.contributionDeadline',
      }),
    ]);
  });

  it('refuses an establishment date that is not a date, rather than guessing', () => {
    expect(() =>
      validateApplication(application('partnership'), { establishedOn: '2026-02-30', authority: '440305' }),
    ).toThrow(RangeError);
  });
});

describe('a contribution deadline already past (found by a new user)', () => {
  it('is refused for a limited liability company: capital is paid in after establishment', () => {
    const app = application('limited_liability_company');
    const past = {
      ...app,
      investors: app.investors.map((i) => ({ ...i, contributionDeadline: '2020-01-01' })),
    };
    const reasons = validateApplication(past, { establishedOn: '2026-11-26', authority: '440305' });
    expect(reasons.filter((r) => r.code === 'contribution-deadline-past').map((r) => r.path)).toEqual(
      app.investors.map((_, i) => `investors.${i}.contributionDeadline`),
    );
    const onTheDay = {
      ...app,
      investors: app.investors.map((i) => ({ ...i, contributionDeadline: '2026-11-26' })),
    };
    expect(
      validateApplication(onTheDay, { establishedOn: '2026-11-26', authority: '440305' }).map((r) => r.code),
    ).not.toContain('contribution-deadline-past');
  });
});
