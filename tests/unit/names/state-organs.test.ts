import { describe, expect, it } from 'vitest';
import { loadDivisions } from '#domain/names/divisions';
import { loadNamingCatalog } from '#domain/names/parse';
import { checkNameRules, verdictOf } from '#domain/names/rules';
import organs from '#seeds/names/state-organs.json' with { type: 'json' };

const deps = { catalog: loadNamingCatalog(), divisions: loadDivisions() };
const check = (name: string, division = '440305') => checkNameRules(name, division, deps);
const found = (name: string, division?: string) =>
  check(name, division).findings.map((f) => [f.rule, f.severity]);
const BLOCK = ['name.prohibited.party-state-army', 'block'];

describe('names of party, state and army organs and mass organizations (规定 第十一条第（三）项)', () => {
  it('refuses an organ name wherever it stands in the name', () => {
    for (const name of [
      '深圳市政府科技有限公司',
      '深圳市腾讯人民法院科技有限公司',
      '深圳市检察院咨询有限公司',
      '深圳市人大常委会科技有限公司',
      '深圳市公安局服务有限公司',
      '深圳市发改委咨询有限公司',
      '深圳市财政厅科技有限公司',
      '深圳市解放军科技有限公司',
      '深圳市武警贸易有限公司',
      '深圳市总工会科技有限公司',
      '深圳市共青团科技有限公司',
      '深圳市妇联咨询有限公司',
      '深圳市中共科技有限公司',
      '深圳市政协科技有限公司',
      '深圳市纪委咨询有限公司',
      '深圳市腾讯部队餐饮有限公司',
    ]) {
      expect([name, found(name)]).toEqual([name, expect.arrayContaining([BLOCK])]);
    }
  });

  it('refuses an army unit number', () => {
    const finding = check('深圳市腾讯六一二三部队餐饮有限公司').findings[0];
    expect(finding?.rule).toBe('name.prohibited.party-state-army');
    expect(finding?.message).toContain('部队番号');
  });

  it('refuses an abbreviation that is the whole trade name', () => {
    expect(found('深圳市国安科技有限公司')).toContainEqual(BLOCK);
    expect(found('深圳市人大科技有限公司')).toContainEqual(BLOCK);
    expect(verdictOf(check('深圳市国安科技有限公司').findings)).toBe('unavailable');
  });

  it('only warns about an abbreviation inside a longer trade name, where it usually means something else', () => {
    for (const [name, division] of [
      ['北京人大金仓信息技术股份有限公司', '110108'],
      ['中信国安集团有限公司', '110105'],
    ] as const) {
      const findings = check(name, division).findings;
      expect(findings.map((f) => f.rule)).not.toContain('name.prohibited.party-state-army');
      expect(findings).toContainEqual(
        expect.objectContaining({ rule: 'name.state-organ.abbreviation', severity: 'warn' }),
      );
    }
  });

  it('does not take an organ name out of an innocent phrase (化工会展)', () => {
    expect(found('深圳市腾讯化工会展有限公司')).not.toContainEqual(BLOCK);
  });

  it('keeps the list as versioned data with its basis', () => {
    expect(organs.version).toMatch(/^\d{4}\.\d+$/);
    expect(deps.catalog.version).toContain(`state-organs@${organs.version}`);
    for (const e of organs.entries) expect(e.basis).toContain('第十一条第（三）项');
    expect(organs.entries.map((e) => e.form)).toEqual(expect.arrayContaining(['name', 'abbreviation']));
  });
});
