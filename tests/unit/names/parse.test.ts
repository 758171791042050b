import { describe, expect, it } from 'vitest';
import { loadNamingCatalog, parseName } from '#domain/names/parse';

const catalog = loadNamingCatalog();
const parse = (name: string, authority?: string) => parseName(name, catalog, authority ? { authority } : {});
const rules = (name: string, authority?: string) => parse(name, authority).findings.map((f) => f.rule);

describe('parseName: the four parts', () => {
  it('reads region, trade name, industry and organization form', () => {
    expect(parse('深圳市腾讯计算机系统有限公司').parts).toEqual({
      region: '深圳市',
      regionDivision: '440300',
      tradeName: '腾讯',
      industry: '计算机系统',
      industryClass: 'computer-systems',
      organizationForm: '有限公司',
    });
  });

  it('reads a region short form as the same region as its full name', () => {
    const short = parse('深圳腾讯科技有限公司').parts;
    const full = parse('深圳市腾讯科技有限公司').parts;
    expect(short.region).toBe('深圳');
    expect(full.region).toBe('深圳市');
    expect(short.regionDivision).toBe('440300');
    expect(full.regionDivision).toBe(short.regionDivision);
    expect(short.tradeName).toBe(full.tradeName);
  });

  it('reads a chain of regions down to the innermost one', () => {
    const { parts, regionChain } = parse('广东省深圳市南山区腾讯科技有限公司');
    expect(parts.region).toBe('广东省深圳市南山区');
    expect(parts.regionDivision).toBe('440305');
    expect(regionChain).toEqual(['440000', '440300', '440305']);
    expect(parts.tradeName).toBe('腾讯');
  });

  it.each(['腾讯科技（深圳）有限公司', '腾讯科技(深圳)有限公司', '腾讯（深圳）科技有限公司'])(
    'reads the region in parentheses after the trade name: %s',
    (name) => {
      const { parts } = parse(name);
      expect(parts.region).toBe('深圳');
      expect(parts.regionDivision).toBe('440300');
      expect(parts.tradeName).toBe('腾讯');
      expect(parts.industry).toBe('科技');
      expect(parts.organizationForm).toBe('有限公司');
    },
  );

  it('takes the longest organization form and the longest industry', () => {
    const { parts } = parse('深圳市腾讯网络科技股份有限公司');
    expect(parts.organizationForm).toBe('股份有限公司');
    expect(parts.industry).toBe('网络科技');
    expect(parts.industryClass).toBe('information-technology');
    expect(parse('深圳市某某投资合伙企业（有限合伙）').parts.organizationForm).toBe('合伙企业（有限合伙）');
  });

  it('does not let a longer industry word leave a one-character trade name (青云 + 科技, not 青 + 云科技)', () => {
    const { parts, findings } = parseName('深圳市青云科技有限公司', catalog, { authority: '440305' });
    expect(parts).toMatchObject({ tradeName: '青云', industry: '科技', industryClass: 'technology' });
    expect(findings.filter((f) => f.severity === 'block')).toEqual([]);
    // Where the longer word leaves room, it still wins.
    expect(parseName('深圳市青岚云科技有限公司', catalog, { authority: '440305' }).parts).toMatchObject({
      tradeName: '青岚',
      industry: '云科技',
    });
  });

  it('normalizes widths and spaces and reads traditional characters in simplified form', () => {
    const result = parse(' 騰訊科技 (深圳) 有限公司');
    expect(result.normalized).toBe('騰訊科技（深圳）有限公司');
    expect(result.simplified).toBe('腾讯科技（深圳）有限公司');
    expect(result.parts.tradeName).toBe('腾讯');
  });

  it('chooses among same-named regions by the authority', () => {
    expect(parse('深圳市南山区腾讯科技有限公司').parts.regionDivision).toBe('440305');
    expect(parse('鼓楼区腾讯科技有限公司').parts.regionDivision).toBeNull();
    expect(parse('鼓楼区腾讯科技有限公司', '320106').parts.regionDivision).toBe('320106');
  });

  it('reads a county short form as a region only where it belongs to the authority', () => {
    expect(parse('东方明珠科技有限公司', '310115').parts).toMatchObject({
      region: null,
      tradeName: '东方明珠',
    });
    expect(parse('东方明珠科技有限公司', '469007').parts).toMatchObject({
      region: '东方',
      tradeName: '明珠',
    });
  });

  it('gives a region back to the trade name when nothing else is left for it', () => {
    expect(parse('深圳科技有限公司').parts).toMatchObject({
      region: null,
      tradeName: '深圳',
      industry: '科技',
    });
  });

  it('reads 中国 right before the industry as qualifying it', () => {
    expect(parse('深圳腾讯中国科技有限公司').parts).toMatchObject({
      tradeName: '腾讯',
      industry: '中国科技',
    });
  });

  it('reads a name without industry or region, and says so as information', () => {
    const { parts, findings } = parse('腾讯有限公司');
    expect(parts).toMatchObject({ region: null, tradeName: '腾讯', industry: null, industryClass: null });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['name.structure.industry-missing', 'info'],
      ['name.structure.region-missing', 'info'],
    ]);
  });
});

describe('parseName: what is missing or wrong', () => {
  it('finds nothing in a complete name', () => {
    expect(parse('深圳市腾讯科技有限公司').findings).toEqual([]);
  });

  it('blocks a name without organization form, saying which part is missing', () => {
    const finding = parse('深圳市腾讯科技').findings.find(
      (f) => f.rule === 'name.structure.organization-form-missing',
    );
    expect(finding?.severity).toBe('block');
    expect(finding?.message).toContain('组织形式');
    expect(parse('深圳市腾讯科技公司').findings[0]?.message).toContain('有限公司');
  });

  it('blocks an incomplete organization form with what it lacks', () => {
    const finding = parse('深圳市腾讯投资合伙企业').findings[0];
    expect(finding?.rule).toBe('name.structure.organization-form-incomplete');
    expect(finding?.message).toContain('有限合伙');
    expect(rules('深圳市腾讯投资合伙企业（普通合伙）')).not.toContain(
      'name.structure.organization-form-incomplete',
    );
  });

  it('blocks a trade name under two Chinese characters, and a missing one', () => {
    expect(rules('深圳市腾科技有限公司')).toContain('name.trade-name.too-short');
    expect(rules('深圳市腾讯科技有限公司')).not.toContain('name.trade-name.too-short');
    expect(rules('有限公司')).toContain('name.trade-name.missing');
  });

  it('blocks letters, digits and punctuation but accepts full-width parentheses', () => {
    const finding = parse('深圳市ABC科技有限公司').findings.find((f) => f.rule === 'name.characters.invalid');
    expect(finding?.message).toContain('A、B、C');
    expect(rules('深圳市腾讯3科技有限公司')).toContain('name.characters.invalid');
    expect(rules('腾讯科技（深圳）有限公司')).not.toContain('name.characters.invalid');
  });

  it('warns about traditional characters but not about 乾, which is standard as written', () => {
    const finding = parse('騰訊科技（深圳）有限公司').findings.find(
      (f) => f.rule === 'name.characters.traditional',
    );
    expect(finding?.severity).toBe('warn');
    expect(finding?.message).toContain('腾讯科技（深圳）有限公司');
    expect(rules('乾县腾讯科技有限公司')).not.toContain('name.characters.traditional');
  });

  it('blocks what it cannot read: parentheses holding no region, or nothing at all', () => {
    expect(rules('深圳市腾讯（某某）科技有限公司')).toContain('name.structure.unparseable');
    expect(rules('')).toEqual(
      expect.arrayContaining(['name.structure.organization-form-missing', 'name.trade-name.missing']),
    );
    expect(rules('!!!')).toContain('name.characters.invalid');
  });

  it('blocks a region given twice', () => {
    expect(rules('深圳腾讯科技（深圳）有限公司')).toContain('name.region.repeated');
  });

  it('gives every finding its Chinese and English message and its basis', () => {
    for (const f of parse('深圳市腾科技').findings) {
      expect(f.message).toMatch(/\p{Script=Han}/u);
      expect(f.messageEn).toMatch(/^[\x20-\x7e（）\p{Script=Han}“”]+$/u);
      expect(f.basis).toMatch(/^《.+》/);
    }
  });
});
