import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '#domain/names/catalog';
import { loadDivisions } from '#domain/names/divisions';
import { loadNamingCatalog, parseName } from '#domain/names/parse';
import { checkNameRules } from '#domain/names/rules';
import abolished from '#seeds/divisions/abolished.json' with { type: 'json' };
import industries from '#seeds/names/industries.json' with { type: 'json' };
import industryPhrases from '#seeds/names/industry-phrases.json' with { type: 'json' };
import notTradeNames from '#seeds/names/not-trade-names.json' with { type: 'json' };
import forms from '#seeds/names/organization-forms.json' with { type: 'json' };
import prohibited from '#seeds/names/prohibited.json' with { type: 'json' };
import restricted from '#seeds/names/restricted.json' with { type: 'json' };
import zones from '#seeds/names/zones.json' with { type: 'json' };

const catalog = loadNamingCatalog();
const deps = { catalog, divisions: loadDivisions() };
const seeds = {
  industries,
  'organization-forms': forms,
  prohibited,
  restricted,
  'not-trade-names': notTradeNames,
};

describe('the naming seeds', () => {
  it('are versioned, and the catalog version names every one of them', () => {
    for (const [name, seed] of Object.entries(seeds)) {
      expect(seed.version).toMatch(/^\d{4}\.\d+$/);
      expect(catalog.version).toContain(`${name}@${seed.version}`);
    }
    expect(catalog.version).toContain(`divisions@${deps.divisions.version}`);
    expect(loadNamingCatalog()).toBe(catalog);
  });

  it('carry a legal basis for every rule entry', () => {
    const entries = [
      ...forms.entries,
      ...prohibited.entries,
      ...restricted.entries,
      ...notTradeNames.entries,
    ];
    for (const entry of entries) expect(entry.basis).toMatch(/^《.+》/);
    expect(industries.basis).toContain('第九条');
  });

  it('list each word once per file', () => {
    const words = (list: { word: string }[]) => list.map((e) => e.word);
    for (const list of [industries.entries, prohibited.entries, restricted.entries, notTradeNames.entries]) {
      expect(new Set(words(list)).size).toBe(list.length);
    }
    expect(new Set(forms.entries.map((e) => e.form)).size).toBe(forms.entries.length);
  });
});

describe('industries.json', () => {
  const byWord = new Map(industries.entries.map((e) => [e.word, e]));

  it('holds the common industry words, keyed to GB/T 4754 sections', () => {
    const common =
      '科技 信息技术 网络科技 软件开发 房地产 地产 置业 餐饮管理 贸易 商贸 进出口 建筑工程 教育咨询 文化传媒 生物医药 电子商务 物流 汽车销售 农业开发 服装 食品';
    for (const word of common.split(' ')) expect(byWord.get(word)?.section).toMatch(/^[A-T]$/);
    expect(industries.entries.length).toBeGreaterThan(300);
  });

  it('gives synonyms one class and different industries different classes', () => {
    const cls = (w: string) => byWord.get(w)?.class;
    expect(cls('地产')).toBe(cls('房地产'));
    expect(cls('置业')).toBe(cls('房地产'));
    expect(cls('商贸')).toBe(cls('贸易'));
    expect(cls('餐饮')).toBe(cls('餐饮管理'));
    expect(cls('科技')).not.toBe(cls('房地产'));
    expect(cls('物业管理')).not.toBe(cls('房地产'));
  });

  it('reads every word as the industry of a name', () => {
    for (const { word, class: cls } of industries.entries) {
      const { parts } = parseName(`深圳市腾讯${word}有限公司`, catalog);
      expect([word, parts.industry, parts.industryClass, parts.tradeName]).toEqual([word, word, cls, '腾讯']);
    }
  });
});

describe('organization-forms.json', () => {
  it('has forms for every entity type, each of a known type', () => {
    for (const type of ENTITY_TYPES)
      expect(forms.entries.some((f) => f.entityTypes.includes(type))).toBe(true);
    for (const f of forms.entries) for (const t of f.entityTypes) expect(ENTITY_TYPES).toContain(t);
  });

  it('reads every form as the organization form of a name', () => {
    for (const { form } of forms.entries) {
      expect([form, parseName(`深圳市腾讯科技${form}`, catalog).parts.organizationForm]).toEqual([
        form,
        form,
      ]);
    }
  });
});

describe('prohibited.json and restricted.json', () => {
  it('blocks every prohibited word under its class', () => {
    for (const { word, class: cls } of prohibited.entries) {
      const found = checkNameRules(`深圳市腾讯${word}科技有限公司`, '440305', deps).findings.map(
        (f) => f.rule,
      );
      expect([word, found]).toEqual([word, expect.arrayContaining([`name.prohibited.${cls}`])]);
    }
  });

  it('has a label in both languages for every class it uses', () => {
    for (const { class: cls } of prohibited.entries) {
      const entry = Object.entries(prohibited.classes).find(([name]) => name === cls)?.[1];
      expect(entry?.label).toMatch(/\p{Script=Han}/u);
      expect(entry?.labelEn).toMatch(/^[a-z]/);
    }
  });

  it('holds the five restricted words and blocks each at the start of a name', () => {
    expect(restricted.entries.map((e) => e.word)).toEqual(['中国', '中华', '中央', '全国', '国家']);
    for (const { word } of restricted.entries) {
      const found = checkNameRules(`${word}腾讯科技有限公司`, '440305', deps).findings.map((f) => f.rule);
      expect(found).toContain('name.restricted.prefix');
    }
  });
});

describe('not-trade-names.json', () => {
  it('lists only real region names or industry words as having another meaning', () => {
    const regions = deps.divisions.regionNames();
    for (const { word } of notTradeNames.otherMeaning) {
      expect([word, regions.has(word) || catalog.industries.has(word)]).toEqual([word, true]);
    }
  });
});

describe('the seeds added for real names', () => {
  it('are versioned and named in the catalog version, with their basis', () => {
    expect(catalog.version).toContain(`industry-phrases@${industryPhrases.version}`);
    expect(catalog.version).toContain(`zones@${zones.version}`);
    expect(catalog.version).toContain(`abolished-divisions@${abolished.version}`);
    expect(industryPhrases.basis).toContain('第九条');
    expect(industryPhrases.sources.join(' ')).toContain('GB/T 4754');
    expect(zones.basis).toContain('第七条');
    expect(abolished.source).toContain('GB/T 2260');
  });

  it('make the industry lexicon much larger than the GB/T 4754 list alone, without repeating a word', () => {
    const words = [...industries.entries, ...industryPhrases.entries].map((e) => e.word);
    expect(new Set(words).size).toBe(words.length);
    expect(words.length).toBeGreaterThan(900);
  });

  it('read every added phrase as the industry of a name', () => {
    for (const { word, class: cls } of industryPhrases.entries) {
      const { parts } = parseName(`深圳市腾讯${word}有限公司`, catalog);
      expect([word, parts.industry, parts.industryClass, parts.tradeName]).toEqual([word, word, cls, '腾讯']);
    }
  });

  it('name only abolished divisions whose successor is a current division', () => {
    for (const a of abolished.divisions) {
      expect(deps.divisions.get(a.successor)).toBeDefined();
      expect(deps.divisions.regionNames().has(a.name)).toBe(true);
    }
  });
});
