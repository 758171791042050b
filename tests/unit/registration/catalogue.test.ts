import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '#domain/entity-types';
import {
  buildCatalogue,
  checklistFor,
  loadCatalogue,
  materialConditionsOf,
  missingMaterials,
  scopeItem,
  searchScope,
} from '#domain/registration/catalogue';
import scope from '#seeds/registration/business-scope.json' with { type: 'json' };
import checklists from '#seeds/registration/checklists.json' with { type: 'json' };
import { application, foreignCompany, natural, P } from './fixtures.ts';

const kinds = (entityType: (typeof ENTITY_TYPES)[number]) => checklistFor(entityType).map((i) => i.kind);

describe('checklists', () => {
  it.each(ENTITY_TYPES)(
    '%s files an application form and a domicile commitment, described in both languages',
    (t) => {
      const list = checklistFor(t);
      expect(list.filter((i) => i.required).map((i) => i.kind)).toEqual(
        expect.arrayContaining(['application_form', 'domicile_commitment']),
      );
      for (const item of list) {
        expect(item.description).toMatch(/\p{Script=Han}/u);
        expect(item.descriptionEn).toMatch(/^[A-Z]/);
      }
    },
  );

  it('asks each form for its own founding document', () => {
    expect(kinds('limited_liability_company')).toContain('articles_of_association');
    expect(kinds('partnership')).toContain('partnership_agreement');
    expect(kinds('farmer_cooperative')).toEqual(
      expect.arrayContaining(['cooperative_articles', 'member_roster']),
    );
    expect(kinds('individual_business')).not.toContain('articles_of_association');
    expect(kinds('foreign_invested_company')).toContain('legal_service_agent_authorization');
  });

  it("lists what is missing, and a foreign investor's notarized registration only when there is one", () => {
    const all = checklistFor('foreign_invested_company')
      .filter((i) => i.required)
      .map((i) => ({ kind: i.kind }));
    expect(missingMaterials('foreign_invested_company', all)).toEqual([]);
    expect(missingMaterials('foreign_invested_company', all, ['foreign_legal_person_investor'])).toEqual([
      'foreign_registration_notarized',
    ]);
    expect(missingMaterials('limited_liability_company', [{ kind: 'application_form' }])).toEqual([
      'articles_of_association',
      'investor_identity',
      'domicile_commitment',
      'appointment_documents',
      'officers_identity',
    ]);
  });

  it('derives the conditions an application shows', () => {
    expect(materialConditionsOf(application('limited_liability_company'))).toEqual([]);
    expect(materialConditionsOf(application('foreign_invested_company'))).toEqual([
      'foreign_legal_person_investor',
    ]);
    const preApproval = application('limited_liability_company', { businessScope: ['J66001'] });
    expect(materialConditionsOf(preApproval)).toEqual(['pre_approval_scope']);
    const inKind = application('joint_stock_company');
    inKind.investors = [natural(P.zhang, '10000000', { contributionForm: 'in_kind' })];
    expect(materialConditionsOf(inKind)).toEqual(['non_currency_contribution']);
    expect(materialConditionsOf(application('partnership', { investors: [foreignCompany('1')] }))).toEqual([
      'foreign_legal_person_investor',
    ]);
  });

  it('refuses a seed that names an unknown kind or condition', () => {
    const bad = structuredClone(checklists);
    bad.checklists.partnership.push({ kind: 'no_such_kind', required: true });
    expect(() => buildCatalogue({ checklists: bad, scope })).toThrow(/unknown kind no_such_kind/);
    const badWhen = structuredClone(checklists);
    badWhen.checklists.partnership.push({
      kind: 'agent_authorization',
      required: false,
      requiredWhen: 'raining',
    });
    expect(() => buildCatalogue({ checklists: badWhen, scope })).toThrow(/unknown condition raining/);
  });
});

describe('business scope catalogue', () => {
  it('holds a few hundred items, each code once, keyed to its GB/T 4754 section', () => {
    expect(scope.items.length).toBeGreaterThan(300);
    expect(new Set(scope.items.map((i) => i.code)).size).toBe(scope.items.length);
    expect(new Set(scope.items.map((i) => i.name)).size).toBe(scope.items.length);
    for (const item of scope.items) expect(item.code[0]).toBe(item.section);
  });

  it('marks pre-approval, licensed and import-export items', () => {
    expect(scopeItem('I65001')).toEqual({ code: 'I65001', name: '软件开发', section: 'I' });
    expect(scopeItem('J66001')).toMatchObject({ name: '银行业务', preApproval: true });
    expect(scopeItem('H62001')).toMatchObject({ name: '餐饮服务', licensed: true });
    expect(scopeItem('F51001')).toMatchObject({ name: '货物进出口', importExport: true });
    expect(scopeItem('Z00000')).toBeUndefined();
    // Every pre-approval item is also a licensed activity: the approval is its licence.
    for (const item of scope.items.filter((i) => 'preApproval' in i))
      expect(item).toMatchObject({ licensed: true });
  });

  it('searches by code prefix and by name, code matches and name starts first', () => {
    expect(searchScope('I65', 3).map((i) => i.code)).toEqual(['I65001', 'I65002', 'I65003']);
    expect(searchScope('i65001').map((i) => i.code)).toEqual(['I65001']);
    const software = searchScope('软件');
    expect(software[0]?.name).toMatch(/^软件/);
    expect(software.every((i) => i.name.includes('软件'))).toBe(true);
    expect(software.length).toBeGreaterThan(3);
    expect(searchScope('进出口').map((i) => i.name)).toEqual(
      expect.arrayContaining(['货物进出口', '技术进出口', '进出口代理']),
    );
    expect(searchScope('no such thing')).toEqual([]);
  });

  it('caps the results and lists the catalogue for an empty query', () => {
    expect(searchScope('', 5)).toHaveLength(5);
    expect(searchScope('服务', 1000)).toHaveLength(100);
    expect(searchScope('服务', 0)).toHaveLength(1);
  });

  it('is loaded once and names both seed versions', () => {
    expect(loadCatalogue()).toBe(loadCatalogue());
    expect(loadCatalogue().version).toBe(`checklists@${checklists.version}+business-scope@${scope.version}`);
  });
});
