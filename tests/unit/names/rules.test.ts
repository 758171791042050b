import { describe, expect, it } from 'vitest';
import { loadDivisions, UnknownDivisionError } from '#domain/names/divisions';
import { loadNamingCatalog } from '#domain/names/parse';
import { checkNameRules, verdictOf } from '#domain/names/rules';

const deps = { catalog: loadNamingCatalog(), divisions: loadDivisions() };
const SHENZHEN_NANSHAN = '440305';
const check = (
  name: string,
  division = SHENZHEN_NANSHAN,
  entityType?: Parameters<typeof checkNameRules>[3],
) => checkNameRules(name, division, deps, entityType);
const rules = (name: string, division = SHENZHEN_NANSHAN) =>
  check(name, division).findings.map((f) => f.rule);

describe('checkNameRules', () => {
  it('passes a well-formed name and returns its parts, scope, key and rule version', () => {
    const result = check('深圳市腾讯科技有限公司');
    expect(result.findings).toEqual([]);
    expect(verdictOf(result.findings)).toBe('available');
    expect(result.scope).toBe('440300');
    expect(result.key).toEqual({ scope: '440300', tradeKey: '腾讯', industryClass: 'technology' });
    expect(result.ruleVersion).toBe(deps.catalog.version);
    expect(result.ruleVersion).toMatch(/industries@.+prohibited@.+divisions@/);
  });

  it('returns the normalized name and lists blocks before warnings before information', () => {
    const result = check('騰訊 有限公司');
    expect(result.name).toBe('騰訊有限公司');
    expect(result.findings.map((f) => f.severity)).toEqual(['warn', 'info', 'info']);
  });

  it('throws a typed error for an unknown division', () => {
    expect(() => check('深圳市腾讯科技有限公司', '999999')).toThrow(UnknownDivisionError);
  });
});

describe('trade name rules', () => {
  it('blocks a region name as trade name, unless it has another meaning', () => {
    expect(rules('深圳科技有限公司')).toContain('name.trade-name.region-name');
    expect(rules('深圳市广州科技有限公司')).toContain('name.trade-name.region-name');
    expect(rules('深圳市和平科技有限公司')).not.toContain('name.trade-name.region-name');
  });

  it('blocks an industry word as trade name', () => {
    const result = check('深圳市贸易科技有限公司');
    expect(result.parts.tradeName).toBe('贸易');
    expect(result.findings.map((f) => f.rule)).toContain('name.trade-name.industry-word');
    expect(rules('深圳市腾讯贸易有限公司')).not.toContain('name.trade-name.industry-word');
  });

  it('blocks a generic word as trade name', () => {
    expect(rules('深圳市集团科技有限公司')).toContain('name.trade-name.not-distinctive');
    expect(rules('深圳市集美科技有限公司')).not.toContain('name.trade-name.not-distinctive');
  });
});

describe('region rules', () => {
  it('accepts the region of the authority, one above it and one under it', () => {
    expect(rules('深圳市腾讯科技有限公司')).not.toContain('name.region.mismatch');
    expect(rules('广东腾讯科技有限公司')).not.toContain('name.region.mismatch');
    expect(rules('深圳市南山区腾讯科技有限公司', '440300')).not.toContain('name.region.mismatch');
    expect(rules('深圳市腾讯科技有限公司', '440000')).not.toContain('name.region.mismatch');
    expect(rules('北京腾讯科技有限公司', '110108')).not.toContain('name.region.mismatch');
  });

  it('blocks the region of another city', () => {
    expect(rules('广州腾讯科技有限公司')).toContain('name.region.mismatch');
    expect(rules('鼓楼区腾讯科技有限公司')).toContain('name.region.mismatch');
  });

  it('lets the national authority register any region', () => {
    expect(rules('广州腾讯科技有限公司', '100000')).not.toContain('name.region.mismatch');
  });

  it('blocks a city district written without its city', () => {
    expect(rules('南山区腾讯科技有限公司')).toContain('name.region.district-without-city');
    expect(rules('南山腾讯科技有限公司')).toContain('name.region.district-without-city');
    expect(rules('腾讯科技（南山）有限公司')).toContain('name.region.district-without-city');
    expect(rules('深圳南山腾讯科技有限公司')).not.toContain('name.region.district-without-city');
    expect(rules('朝阳区腾讯科技有限公司', '110105')).toContain('name.region.district-without-city');
    expect(rules('北京市朝阳区腾讯科技有限公司', '110105')).not.toContain(
      'name.region.district-without-city',
    );
  });
});

describe('prohibited words', () => {
  const samples: Record<string, string> = {
    'national-dignity': '深圳市支那科技有限公司',
    'public-order': '深圳市腾讯传销科技有限公司',
    'party-state-army': '深圳市国务院科技有限公司',
    'foreign-state': '深圳市美国科技有限公司',
    obscene: '深圳市色情文化传媒有限公司',
    gambling: '深圳市金沙博彩娱乐有限公司',
    superstitious: '深圳市算命文化有限公司',
    'violent-terrorist': '深圳市暗杀游戏有限公司',
    discrimination: '深圳市黑鬼贸易有限公司',
    misleading: '深圳市驰名商标科技有限公司',
    'state-backing': '深圳市央企科技有限公司',
    superlative: '深圳市最佳科技有限公司',
    'non-profit': '深圳市慈善科技有限公司',
  };

  it('has a sample for every class in the seed', () => {
    expect(Object.keys(samples).sort()).toEqual([...deps.catalog.prohibitedClasses.keys()].sort());
  });

  it.each(Object.entries(samples))('blocks %s wording with its rule id and basis', (cls, name) => {
    const finding = check(name).findings.find((f) => f.rule.startsWith('name.prohibited.'));
    expect(finding?.rule).toBe(`name.prohibited.${cls}`);
    expect(finding?.severity).toBe('block');
    expect(finding?.basis).toBe(deps.catalog.prohibitedClasses.get(cls)?.basis);
    expect(verdictOf(check(name).findings)).toBe('unavailable');
  });

  it('cites the 2023 implementing measures for the 2023 additions', () => {
    for (const cls of ['state-backing', 'superlative', 'non-profit']) {
      expect(deps.catalog.prohibitedClasses.get(cls)?.basis).toContain('实施办法');
    }
    expect(deps.catalog.prohibitedClasses.get('gambling')?.basis).toContain('第十一条');
  });

  it('finds a prohibited word anywhere, even in the region or industry part', () => {
    expect(rules('深圳市腾讯博彩有限公司')).toContain('name.prohibited.gambling');
  });

  it('does not block a word inside a longer phrase that makes it innocent', () => {
    const innocent = (name: string, division?: string) =>
      rules(name, division).filter((r) => r.startsWith('name.prohibited.'));
    expect(innocent('北京精英国际贸易有限公司', '110108')).toEqual([]);
    expect(innocent('北京华美国际贸易有限公司', '110108')).toEqual([]);
    expect(innocent('延边朝鲜族自治州长白山旅游有限公司', '222401')).toEqual([]);
    expect(innocent('深圳市腾讯科技有限公司')).toEqual([]);
  });
});

describe('restricted words', () => {
  it('blocks a name starting with 中国, 中华, 中央, 全国 or 国家, with the reason', () => {
    for (const word of ['中国', '中华', '中央', '全国', '国家']) {
      const finding = check(`${word}腾讯科技有限公司`).findings.find(
        (f) => f.rule === 'name.restricted.prefix',
      );
      expect(finding?.severity).toBe('block');
      expect(finding?.message).toContain('国务院批准');
      expect(finding?.messageEn).toContain('State Council');
    }
  });

  it('allows one in the middle only where it qualifies the industry', () => {
    expect(rules('深圳腾讯中国科技有限公司')).not.toContain('name.restricted.middle');
    expect(rules('深圳中华腾讯科技有限公司')).toContain('name.restricted.middle');
    expect(rules('深圳市腾讯中央空调有限公司')).not.toContain('name.restricted.middle');
  });

  it('lets 中央 qualify nothing: in the middle it blocks unless a listed phrase excuses it', () => {
    const result = check('深圳腾讯中央科技有限公司');
    expect(result.parts.tradeName).toBe('腾讯中央');
    expect(result.findings.map((f) => f.rule)).toContain('name.restricted.middle');
    expect(rules('深圳市腾讯中央厨房餐饮管理有限公司')).not.toContain('name.restricted.middle');
  });

  it('keeps （中国） to foreign-invested enterprises', () => {
    const marker = (entityType?: 'foreign_invested_company' | 'limited_liability_company') =>
      check('腾讯（中国）投资有限公司', SHENZHEN_NANSHAN, entityType ? { entityType } : {}).findings.find(
        (f) => f.rule === 'name.restricted.china-marker',
      )?.severity;
    expect(marker('foreign_invested_company')).toBe('info');
    expect(marker()).toBe('warn');
    expect(marker('limited_liability_company')).toBe('block');
  });
});

describe('organization form and entity type', () => {
  it('blocks a form the entity type may not use', () => {
    const mismatch = (name: string, entityType: 'joint_stock_company' | 'limited_liability_company') =>
      check(name, SHENZHEN_NANSHAN, { entityType }).findings.some(
        (f) => f.rule === 'name.structure.organization-form-mismatch',
      );
    expect(mismatch('深圳市腾讯科技有限公司', 'joint_stock_company')).toBe(true);
    expect(mismatch('深圳市腾讯科技股份有限公司', 'joint_stock_company')).toBe(false);
    expect(mismatch('深圳市腾讯科技有限公司', 'limited_liability_company')).toBe(false);
  });
});

describe('speed', () => {
  it('checks a name in well under a millisecond', () => {
    check('深圳市南山区腾讯网络科技有限公司');
    const runs = 300;
    const start = performance.now();
    for (let i = 0; i < runs; i++) check('深圳市南山区腾讯网络科技有限公司');
    expect((performance.now() - start) / runs).toBeLessThan(1);
  });
});
