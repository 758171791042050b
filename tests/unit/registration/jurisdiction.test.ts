import { describe, expect, it } from 'vitest';
import { validateApplication } from '#domain/registration/application';
import { checkJurisdiction } from '#domain/registration/jurisdiction';
import type { RegistrationApplication } from '#domain/registration/types';
import { application, ESTABLISHED_ON } from './fixtures.ts';

const at = (
  division: string,
  entityType: RegistrationApplication['entityType'] = 'limited_liability_company',
) => {
  const app = application(entityType);
  app.domicile = { ...app.domicile, division };
  return app;
};

describe('checkJurisdiction: where the domicile is (实施细则 第十条)', () => {
  it('accepts a domicile anywhere in the authority’s prefecture-level city', () => {
    expect(checkJurisdiction(at('440305'), '440305')).toEqual([]);
    expect(checkJurisdiction(at('440304'), '440305')).toEqual([]);
    expect(checkJurisdiction(at('440300'), '440305')).toEqual([]);
    expect(checkJurisdiction(at('440305'), '440300')).toEqual([]);
  });

  it('refuses a name reserved in Shenzhen with a domicile in Beijing, naming the competent authority', () => {
    const [r, ...rest] = checkJurisdiction(at('110105'), '440305');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      code: 'domicile-out-of-jurisdiction',
      severity: 'block',
      path: 'domicile.division',
      basis: '《市场主体登记管理条例实施细则》第十条',
    });
    expect(r?.message).toContain('北京市朝阳区');
    expect(r?.message).toContain('应当向住所所在地北京市（110000）的登记机关申请登记');
    expect(r?.messageEn).toContain('register with the authority of 北京市 (110000)');
  });

  it('names the prefecture of a domicile in another city of the same province', () => {
    const [r] = checkJurisdiction(at('440106'), '440305');
    expect(r?.code).toBe('domicile-out-of-jurisdiction');
    expect(r?.message).toContain('广州市（440100）');
  });

  it('lets a provincial authority register in its province, and the national authority anywhere', () => {
    expect(checkJurisdiction(at('440106'), '440000')).toEqual([]);
    expect(checkJurisdiction(at('110105'), '440000')[0]?.code).toBe('domicile-out-of-jurisdiction');
    expect(checkJurisdiction(at('110105'), '100000')).toEqual([]);
  });

  it('treats a municipality as one jurisdiction', () => {
    expect(checkJurisdiction(at('110108'), '110105')).toEqual([]);
  });

  it('refuses a division code that is not a current one', () => {
    expect(checkJurisdiction(at('449999'), '440305')).toEqual([
      expect.objectContaining({ code: 'domicile-division-unknown', path: 'domicile.division' }),
    ]);
  });
});

describe('checkJurisdiction: the level the entity type needs (实施细则 第四条)', () => {
  it('sends a joint stock company from a district authority to the city’s', () => {
    const [r, ...rest] = checkJurisdiction(at('440305', 'joint_stock_company'), '440305');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({
      code: 'authority-level-insufficient',
      severity: 'block',
      path: 'reservationId',
      basis: '《市场主体登记管理条例实施细则》第四条',
    });
    expect(r?.message).toContain('深圳市（440300）');
  });

  it('lets a prefecture-level or higher authority register a joint stock company, and a district register any other form', () => {
    expect(checkJurisdiction(at('440305', 'joint_stock_company'), '440300')).toEqual([]);
    expect(checkJurisdiction(at('440305', 'joint_stock_company'), '440000')).toEqual([]);
    // A municipality's districts are of prefecture rank; a county-level city under its province works at that level.
    expect(checkJurisdiction(at('110105', 'joint_stock_company'), '110105')).toEqual([]);
    expect(checkJurisdiction(at('429004', 'joint_stock_company'), '429004')).toEqual([]);
    expect(checkJurisdiction(at('440305', 'partnership'), '440305')).toEqual([]);
  });

  it('is part of validateApplication, which takes the authority from its context', () => {
    const reasons = validateApplication(at('110105'), { establishedOn: ESTABLISHED_ON, authority: '440305' });
    expect(reasons.map((r) => r.code)).toEqual(['domicile-out-of-jurisdiction']);
  });
});
