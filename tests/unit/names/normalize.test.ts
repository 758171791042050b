import { describe, expect, it } from 'vitest';
import { nameKey, normalizeName, pinyinKey, toSimplified, tradeKey } from '#domain/names/normalize';
import type { NameParts } from '#domain/names/parse';

describe('toSimplified', () => {
  it('converts Hong Kong and Taiwan forms and leaves simplified text alone', () => {
    expect(toSimplified('騰訊科技')).toBe('腾讯科技');
    expect(toSimplified('裡綫')).toBe('里线');
    expect(toSimplified('腾讯科技')).toBe('腾讯科技');
  });
});

describe('normalizeName', () => {
  it('folds full-width letters, removes every kind of space and writes parentheses full-width', () => {
    expect(normalizeName(' 腾讯科技 (深圳) 有限公司 ')).toBe('腾讯科技（深圳）有限公司');
    expect(normalizeName('腾讯\u3000科技\u200b有限公司')).toBe('腾讯科技有限公司');
    expect(normalizeName('ＡＢＣ有限公司')).toBe('ABC有限公司');
  });
});

describe('tradeKey', () => {
  it('is the same for reordered characters and for the traditional twin', () => {
    expect(tradeKey('讯腾')).toBe(tradeKey('腾讯'));
    expect(tradeKey('騰訊')).toBe(tradeKey('腾讯'));
  });

  it('differs for different characters, even when they sound alike', () => {
    expect(tradeKey('腾迅')).not.toBe(tradeKey('腾讯'));
  });
});

describe('pinyinKey', () => {
  it('is toneless, spaceless, lowercase pinyin of the simplified text', () => {
    expect(pinyinKey('腾讯')).toBe('tengxun');
    expect(pinyinKey('騰訊')).toBe('tengxun');
    expect(pinyinKey('绿源')).toBe('lvyuan');
  });

  it('meets for homophones and not for other sounds', () => {
    expect(pinyinKey('腾迅')).toBe(pinyinKey('腾讯'));
    expect(pinyinKey('华为')).not.toBe(pinyinKey('腾讯'));
  });
});

describe('nameKey', () => {
  const parts: NameParts = {
    region: '深圳',
    regionDivision: '440300',
    tradeName: '騰訊',
    industry: '科技',
    industryClass: 'technology',
    organizationForm: '有限公司',
  };

  it('keys a name by scope, trade-name key and industry class, not by region or form', () => {
    expect(nameKey(parts, '440300')).toEqual({
      scope: '440300',
      tradeKey: tradeKey('腾讯'),
      industryClass: 'technology',
    });
    const other = {
      ...parts,
      region: '深圳市南山区',
      regionDivision: '440305',
      organizationForm: '股份有限公司',
    };
    expect(nameKey(other, '440300')).toEqual(nameKey(parts, '440300'));
    expect(nameKey(parts, '110000')).not.toEqual(nameKey(parts, '440300'));
  });
});

describe('toSimplified keeps standard characters as written', () => {
  it.each([
    ['和么', '和么'],
    ['瑞昇', '瑞昇'],
    ['乾坤', '乾坤'],
    ['著名', '著名'],
  ])('%s stays %s (通用规范汉字表)', (written, standard) => {
    expect(toSimplified(written)).toBe(standard);
  });

  it('still converts characters outside the table, one for one', () => {
    expect(toSimplified('騰訊')).toBe('腾讯');
    expect(toSimplified('後麼')).toBe('后么');
  });

  it('never stores a different word as the trade name', async () => {
    const { loadNamingCatalog, parseName } = await import('#domain/names/parse');
    const parsed = parseName('深圳市和么科技有限公司', loadNamingCatalog());
    expect(parsed.parts.tradeName).toBe('和么');
    expect(parsed.findings.map((f) => f.rule)).not.toContain('name.characters.traditional');
    expect(parseName('深圳市瑞昇科技有限公司', loadNamingCatalog()).parts.tradeName).toBe('瑞昇');
  });
});
