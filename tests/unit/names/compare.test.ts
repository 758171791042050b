import { describe, expect, it } from 'vitest';
import { authorityScope, loadDivisions } from '#domain/names/divisions';
import { loadNamingCatalog } from '#domain/names/parse';
import {
  checkNameRules,
  compareWithExisting,
  type ExistingName,
  type ExistingStatus,
  stillProtected,
  verdictOf,
} from '#domain/names/rules';

const deps = { catalog: loadNamingCatalog(), divisions: loadDivisions() };
const TODAY = '2026-11-22';

/** A candidate as the check route builds it: parts and scope from checkNameRules. */
function candidate(name: string, division = '440305') {
  const { parts, scope } = checkNameRules(name, division, deps);
  return { parts, scope };
}

function existing(
  name: string,
  division = '440305',
  status: ExistingStatus = 'registered',
  extra = {},
): ExistingName {
  const { parts, scope } = checkNameRules(name, division, deps);
  return { name, status, parts, scope, creditCode: '91440300708461136T', ...extra };
}

const compare = (name: string, others: ExistingName[], division = '440305', limit?: number) =>
  compareWithExisting(candidate(name, division), others, TODAY, limit);
const rulesOf = (findings: { rule: string }[]) => findings.map((f) => f.rule);

describe('identical trade names (block)', () => {
  it('blocks the same trade name in the same industry and scope, naming the conflict', () => {
    const findings = compare('深圳市腾讯科技有限公司', [existing('深圳市腾讯科技有限公司')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'name.identical',
      severity: 'block',
      basis: '《企业名称登记管理规定》第十七条',
      conflictsWith: {
        name: '深圳市腾讯科技有限公司',
        status: 'registered',
        creditCode: '91440300708461136T',
      },
    });
    expect(verdictOf(findings)).toBe('unavailable');
  });

  it('treats a region short form and a district of the same city as the same scope', () => {
    const others = [existing('深圳市腾讯科技有限公司', '440300')];
    expect(rulesOf(compare('深圳腾讯科技有限公司', others))).toEqual(['name.identical']);
    expect(rulesOf(compare('深圳市南山区腾讯科技有限公司', others, '440304'))).toEqual(['name.identical']);
  });

  it('blocks the region in parentheses as well as in front', () => {
    expect(rulesOf(compare('腾讯科技（深圳）有限公司', [existing('深圳市腾讯科技有限公司')]))).toEqual([
      'name.identical',
    ]);
  });

  it('blocks a traditional-character twin', () => {
    expect(rulesOf(compare('騰訊科技（深圳）有限公司', [existing('深圳市腾讯科技有限公司')]))).toEqual([
      'name.identical',
    ]);
  });

  it('warns, not blocks, about the same characters in another order, and says so (翠鸣 / 鸣翠)', () => {
    const findings = compare('深圳市鸣翠科技有限公司', [existing('深圳市翠鸣科技有限公司')]);
    expect(rulesOf(findings)).toEqual(['name.similar.reordered']);
    expect(findings[0]?.severity).toBe('warn');
    expect(findings[0]?.message).toContain('字序');
    expect(findings[0]?.conflictsWith?.name).toBe('深圳市翠鸣科技有限公司');
  });

  it('warns about the same trade name where one industry wording contains the other', () => {
    for (const industry of ['信息科技', '云科技']) {
      const findings = compare(`深圳市鑫磊${industry}有限公司`, [existing('深圳市鑫磊科技有限公司')]);
      expect(rulesOf(findings)).toEqual(['name.similar.industry']);
      expect(verdictOf(findings)).toBe('similar');
      expect(findings[0]?.conflictsWith?.name).toBe('深圳市鑫磊科技有限公司');
    }
    expect(compare('深圳市鑫磊信息科技有限公司', [existing('深圳市鑫磊餐饮有限公司')])).toEqual([]);
  });

  it('blocks when only the organization form changed', () => {
    expect(rulesOf(compare('深圳市腾讯科技股份有限公司', [existing('深圳市腾讯科技有限公司')]))).toEqual([
      'name.identical',
    ]);
  });

  it('blocks a synonymous industry (房地产, 地产, 置业) and a name without industry', () => {
    expect(rulesOf(compare('深圳市万科置业有限公司', [existing('深圳市万科房地产有限公司')]))).toEqual([
      'name.identical',
    ]);
    expect(rulesOf(compare('深圳市万科有限公司', [existing('深圳市万科地产有限公司')]))).toEqual([
      'name.identical',
    ]);
  });

  it('does not compare across industries of different classes', () => {
    expect(compare('深圳市腾讯餐饮管理有限公司', [existing('深圳市腾讯科技有限公司')])).toEqual([]);
  });

  it('does not block the same name of another city', () => {
    expect(compare('深圳市腾讯科技有限公司', [existing('广州腾讯科技有限公司', '440106')])).toEqual([]);
  });

  it('treats a whole municipality as one scope', () => {
    const beijing = [existing('北京腾讯科技有限公司', '110108')];
    expect(rulesOf(compare('北京腾讯科技有限公司', beijing, '110105'))).toEqual(['name.identical']);
    expect(authorityScope('110105', deps.divisions)).toBe(authorityScope('110108', deps.divisions));
  });

  it('keeps a provincial authority apart from the cities of its province', () => {
    const provincial = [existing('广东腾讯科技有限公司', '440000')];
    expect(rulesOf(compare('广东腾讯科技有限公司', provincial, '440000'))).toEqual(['name.identical']);
    expect(compare('深圳市腾讯科技有限公司', provincial, '440300')).toEqual([]);
  });
});

describe('ended names', () => {
  const ended = (endedOn: string, status: ExistingStatus = 'deregistered') =>
    existing('深圳市腾讯科技有限公司', '440305', status, { endedOn });

  it('blocks against a name ended less than a year ago, whatever the way it ended', () => {
    for (const status of ['deregistered', 'changed', 'revoked'] as const) {
      expect(rulesOf(compare('深圳市腾讯科技有限公司', [ended('2026-01-10', status)]))).toEqual([
        'name.identical',
      ]);
    }
  });

  it('frees a name ended more than a year ago', () => {
    expect(compare('深圳市腾讯科技有限公司', [ended('2025-11-10')])).toEqual([]);
  });

  it('protects through the anniversary itself and not the day after', () => {
    expect(stillProtected(ended('2025-11-22'), '2026-11-22')).toBe(true);
    expect(stillProtected(ended('2025-11-22'), '2026-11-23')).toBe(false);
    expect(stillProtected(ended('2024-02-29'), '2025-02-28')).toBe(true);
    expect(stillProtected(ended('2024-02-29'), '2025-03-01')).toBe(false);
  });

  it('protects an ended name whose date is unknown, and refuses a malformed date', () => {
    expect(stillProtected(existing('深圳市腾讯科技有限公司', '440305', 'revoked'), TODAY)).toBe(true);
    expect(() => stillProtected(ended('2025/11/22'), TODAY)).toThrow(RangeError);
    expect(() => compare('深圳市腾讯科技有限公司', [], '440305')).not.toThrow();
    expect(() => compareWithExisting(candidate('深圳市腾讯科技有限公司'), [], '22.11.2026')).toThrow(
      RangeError,
    );
  });
});

describe('similar trade names (warn)', () => {
  it('warns about a homophone in a compatible industry', () => {
    const findings = compare('深圳市腾迅科技有限公司', [existing('深圳市腾讯科技有限公司')]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'name.similar.homophone', severity: 'warn' });
    expect(verdictOf(findings)).toBe('similar');
  });

  it('warns when one trade name contains the other, either way', () => {
    const others = [existing('深圳市腾讯科技有限公司')];
    expect(rulesOf(compare('深圳市腾讯达科技有限公司', others))).toEqual(['name.similar.contains']);
    expect(rulesOf(compare('深圳市大腾讯科技有限公司', others))).toEqual(['name.similar.contains']);
    expect(rulesOf(compare('深圳市腾讯科技有限公司', [existing('深圳市腾讯星辰科技有限公司')]))).toEqual([
      'name.similar.contains',
    ]);
  });

  it('does not warn about an unrelated trade name', () => {
    expect(compare('深圳市华为科技有限公司', [existing('深圳市腾讯科技有限公司')])).toEqual([]);
  });
});

describe('ordering and the cap', () => {
  const many = Array.from({ length: 15 }, (_, i) =>
    existing(`深圳市腾讯${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰'[i]}科技有限公司`),
  );
  const mixed = [
    existing('深圳市腾迅科技有限公司'),
    existing('深圳市腾讯科技发展有限公司', '440305', 'reserved'),
    existing('深圳市腾讯科技股份有限公司'),
    ...many,
  ];

  it('reports identical before similar, registered before reserved, and at most `limit`', () => {
    const findings = compare('深圳市腾讯科技有限公司', mixed);
    expect(findings).toHaveLength(10);
    expect(findings.slice(0, 3).map((f) => [f.rule, f.conflictsWith?.status])).toEqual([
      ['name.identical', 'registered'],
      ['name.identical', 'reserved'],
      ['name.similar.homophone', 'registered'],
    ]);
    expect(compare('深圳市腾讯科技有限公司', mixed, '440305', 2)).toHaveLength(2);
    expect(compare('深圳市腾讯科技有限公司', mixed, '440305', 0)).toEqual([]);
  });

  it('reports nothing for a candidate without a trade name', () => {
    expect(compare('深圳市科技有限公司', mixed).filter((f) => f.rule === 'name.identical')).toEqual([]);
    expect(compareWithExisting({ ...candidate('有限公司') }, mixed, TODAY)).toEqual([]);
  });
});

describe('verdictOf', () => {
  const f = (severity: 'block' | 'warn' | 'info') => ({
    rule: 'x',
    severity,
    message: '',
    messageEn: '',
    basis: '',
  });

  it('is unavailable with any block, similar with any warning, else available', () => {
    expect(verdictOf([f('info'), f('warn'), f('block')])).toBe('unavailable');
    expect(verdictOf([f('info'), f('warn')])).toBe('similar');
    expect(verdictOf([f('info')])).toBe('available');
    expect(verdictOf([])).toBe('available');
  });
});
