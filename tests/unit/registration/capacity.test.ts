import { describe, expect, it } from 'vitest';
import { checkResidentId } from '#domain/identity';
import { validateApplication } from '#domain/registration/application';
import { birthDateOf, checkCapacity, hasFullYears } from '#domain/registration/capacity';
import type { Reason, RegistrationApplication } from '#domain/registration/types';
import { application, bornOn, ESTABLISHED_ON, natural, P, personBornOn } from './fixtures.ts';

const capacity = (app: RegistrationApplication) => checkCapacity(app, ESTABLISHED_ON);
const found = (reasons: Reason[]) => reasons.map((r) => `${r.severity} ${r.code} ${r.path}`);

/** ESTABLISHED_ON is 2026-03-16: these people are that old on it. */
const SIXTEEN_TODAY = '2010-03-16';
const SIXTEEN_YESTERDAY = '2010-03-15';
const EIGHTEEN_YESTERDAY = '2008-03-15';
const EIGHTEEN_TODAY = '2008-03-16';

describe('birthDateOf (GB 11643 positions 7-14)', () => {
  it('reads the date of a resident identity number, and none of other documents', () => {
    expect(birthDateOf('resident_id', P.zhang.idNumber)).toBe('1985-03-12');
    expect(birthDateOf('passport', 'E12345678')).toBeUndefined();
    expect(birthDateOf('hk_macao_permit', 'H12345678')).toBeUndefined();
    expect(birthDateOf('resident_id', '44030519850230001X')).toBeUndefined();
  });

  it('makes numbers the GB 11643 check accepts', () => {
    expect(checkResidentId(bornOn('2010-03-16')).valid).toBe(true);
    expect(birthDateOf('resident_id', bornOn('2010-03-16'))).toBe('2010-03-16');
  });
});

describe('hasFullYears (民法典 第二百零一条: the day of birth is not counted)', () => {
  it.each([
    ['2008-03-16', '2026-03-16', false],
    ['2008-03-16', '2026-03-17', true],
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
  ])('born %s, 18 full years on %s: %s', (born, on, full) => {
    expect(hasFullYears(born, 18, on)).toBe(full);
  });
});

describe('checkCapacity: officers (公司法 第一百七十八条; 民法典 第十七条、第十八条)', () => {
  it('finds nothing for the adults of every fixture', () => {
    for (const type of ['limited_liability_company', 'joint_stock_company', 'partnership'] as const)
      expect(capacity(application(type))).toEqual([]);
  });

  it('refuses a legal representative and director under 16, each at its path, with the articles', () => {
    const minor = personBornOn('少年', SIXTEEN_TODAY);
    const app = application('limited_liability_company', {
      legalRepresentative: minor,
      directors: [minor],
    });
    const reasons = capacity(app);
    expect(found(reasons)).toEqual([
      'block officer-without-capacity legalRepresentative',
      'block officer-without-capacity directors.0',
    ]);
    expect(reasons[0]?.basis).toContain('《公司法》第十条、第一百七十八条第一项');
    expect(reasons[0]?.basis).toContain('《民法典》第十七条、第十八条');
  });

  it('sends a 16- or 17-year-old officer to an examiner: capacity rests on their own labour income', () => {
    const app = application('joint_stock_company', {
      supervisors: [personBornOn('监事', SIXTEEN_YESTERDAY)],
      manager: personBornOn('经理', EIGHTEEN_TODAY),
      financialOfficer: personBornOn('财务', EIGHTEEN_YESTERDAY),
    });
    app.legalRepresentative = app.manager!;
    const reasons = capacity(app);
    expect(found(reasons)).toEqual([
      'warn officer-capacity-by-own-income legalRepresentative',
      'warn officer-capacity-by-own-income supervisors.0',
      'warn officer-capacity-by-own-income manager',
    ]);
    expect(reasons[0]?.basis).toContain('《民法典》第十八条第二款');
  });

  it('holds the operator of an individual business to the same ages, with the Civil Code and Labour Law', () => {
    const app = application('individual_business', {
      legalRepresentative: personBornOn('个体', '2012-01-01'),
    });
    const [r] = capacity(app);
    expect(r).toMatchObject({ code: 'officer-without-capacity', severity: 'block' });
    expect(r?.basis).toBe('《民法典》第十七条、第十八条；《劳动法》第十五条');
  });

  it('refuses a birth date after the day of the application, whoever holds it', () => {
    const unborn = personBornOn('未生', '2026-03-17');
    const app = application('limited_liability_company', {
      taxContact: unborn,
      financialOfficer: unborn,
      investors: [natural(unborn, '1000000')],
    });
    expect(found(capacity(app))).toEqual([
      'block birth-date-in-future financialOfficer.idNumber',
      'block birth-date-in-future taxContact.idNumber',
      'block birth-date-in-future investors.0.idNumber',
    ]);
  });

  it("refuses an officer's identity number that is not one (the domain does not rely on the schema)", () => {
    const app = application('limited_liability_company', {
      supervisors: [{ ...P.li, idNumber: '44030519850230001X' }],
    });
    expect(capacity(app)).toEqual([
      expect.objectContaining({
        code: 'identity-invalid',
        severity: 'block',
        path: 'supervisors.0.idNumber',
        basis: 'GB 11643-1999',
      }),
    ]);
  });

  it('gives no age finding for other documents', () => {
    const app = application('foreign_invested_company');
    app.directors = [{ ...P.zhang, idType: 'passport', idNumber: 'E12345678' }];
    app.legalRepresentative = app.directors[0]!;
    expect(capacity(app)).toEqual([]);
  });
});

describe('checkCapacity: investors', () => {
  it('sends a natural-person investor under 18 to an examiner, and refuses none for it', () => {
    const child = personBornOn('童', '2015-06-01');
    const app = application('partnership', {
      investors: [natural(P.zhang, '120000.50'), natural(child, '79999.50')],
    });
    const reasons = capacity(app);
    expect(found(reasons)).toEqual(['warn investor-minor investors.1']);
    expect(reasons[0]?.basis).toContain('《民法典》');
  });

  it('is part of validateApplication, so a minor officer is refused at submission', () => {
    const app = application('limited_liability_company', {
      legalRepresentative: personBornOn('少年', SIXTEEN_TODAY),
    });
    app.directors = [app.legalRepresentative];
    const reasons = validateApplication(app, { establishedOn: ESTABLISHED_ON, authority: '440305' });
    expect(reasons.filter((r) => r.code === 'officer-without-capacity')).toHaveLength(2);
  });
});
