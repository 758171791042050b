import { describe, expect, it } from 'vitest';
import { loadDivisions } from '#domain/names/divisions';
import { loadNamingCatalog, parseName } from '#domain/names/parse';
import { checkNameRules } from '#domain/names/rules';

const catalog = loadNamingCatalog();
const deps = { catalog, divisions: loadDivisions() };
const parts = (name: string, authority?: string) =>
  parseName(name, catalog, authority ? { authority } : {}).parts;
const rules = (name: string, division: string) =>
  checkNameRules(name, division, deps).findings.map((f) => [f.rule, f.severity]);

describe('one organization form, at the end', () => {
  it('refuses a repeated form and reads the rest as it would alone', () => {
    const check = checkNameRules('深圳市青云科技有限公司有限公司', '440305', deps);
    expect(check.findings[0]).toMatchObject({
      rule: 'name.structure.organization-form-repeated',
      severity: 'block',
    });
    expect(check.findings[0]?.message).toContain('有限公司有限公司');
    expect(check.parts).toMatchObject({ tradeName: '青云', industry: '科技' });
    expect(rules('深圳市青云科技股份有限公司有限公司', '440305')).toContainEqual([
      'name.structure.organization-form-repeated',
      'block',
    ]);
  });

  it('refuses a form inside the trade name', () => {
    expect(rules('深圳市青云有限公司科技有限公司', '440305')).toContainEqual([
      'name.structure.organization-form-misplaced',
      'block',
    ]);
  });

  it('never leaves a generic word at the end of a trade name (国际, 实业, 企业 join the industry)', () => {
    expect(parts('深圳市青云国际贸易有限公司')).toMatchObject({ tradeName: '青云', industry: '国际贸易' });
    expect(parts('深圳市青云实业有限公司')).toMatchObject({ tradeName: '青云', industry: '实业' });
    expect(parts('万科企业股份有限公司')).toMatchObject({ tradeName: '万科', industryClass: null });
  });
});

describe('parsing as a Chinese reader does', () => {
  it.each([
    ['西安汉鲸影视文化传媒有限公司', '西安', '汉鲸', '影视文化传媒'],
    ['上海融康汽车设计有限公司', '上海', '融康', '汽车设计'],
    ['沈阳玖壹科技实业有限公司', '沈阳', '玖壹', '科技实业'],
    ['宁波明州环境能源有限公司', '宁波', '明州', '环境能源'],
    ['天津联宇电气设备制造有限公司', '天津', '联宇', '电气设备制造'],
    ['上海翊由新材料科技有限公司', '上海', '翊由', '新材料科技'],
    ['深圳市鑫磊包装机械有限公司', '深圳市', '鑫磊', '包装机械'],
    ['深圳市鑫磊电气国际贸易有限公司', '深圳市', '鑫磊', '电气国际贸易'],
    ['深圳市鑫磊医疗用品有限公司', '深圳市', '鑫磊', '医疗用品'],
  ])('%s → %s | %s | %s', (name, region, tradeName, industry) => {
    expect(parts(name)).toMatchObject({ region, tradeName, industry });
  });

  it('reads a zone as part of the region, never of the trade name', () => {
    expect(parts('苏州工业园区苏茶科技有限公司')).toMatchObject({
      region: '苏州工业园区',
      regionDivision: '320500',
      tradeName: '苏茶',
    });
    expect(parts('天津市经济技术开发区胖妮美食海鲜餐饮有限公司')).toMatchObject({
      region: '天津市经济技术开发区',
      tradeName: '胖妮美食海鲜',
    });
    expect(parts('成都高新区蓉禾科技有限公司').region).toBe('成都高新区');
  });

  it('reads a region after the trade name without parentheses', () => {
    expect(parts('力赛佳管道支架技术上海有限公司')).toMatchObject({
      region: '上海',
      tradeName: '力赛佳',
      industry: '管道支架技术',
    });
    expect(parts('李尔汽车系统扬州有限公司')).toMatchObject({ region: '扬州', tradeName: '李尔' });
  });

  it('reads a region in parentheses followed by a compound industry', () => {
    const result = parseName('糖友饱饱（杭州）健康食品有限公司', catalog);
    expect(result.parts).toMatchObject({ region: '杭州', tradeName: '糖友饱饱', industry: '健康食品' });
    expect(result.findings.map((f) => f.rule)).not.toContain('name.structure.unparseable');
  });

  it('gives a county short form back to the trade name where the reader would (白云山, 东山)', () => {
    expect(parts('广州白云山医药集团股份有限公司', '440100').tradeName).toBe('白云山');
    expect(parts('苏州东山精密制造股份有限公司', '320500').tradeName).toBe('东山');
  });
});

describe('historical divisions (GB/T 2260 changes)', () => {
  it('reads an abolished county or city as its successor and refuses it in a new name', () => {
    for (const [name, division, successor] of [
      ['章丘市鑫磊科技有限公司', '370114', '370114'],
      ['屯留县鑫磊科技有限公司', '140405', '140405'],
      ['大丰市鑫磊科技有限公司', '320904', '320904'],
    ] as const) {
      const check = checkNameRules(name, division, deps);
      expect(check.parts).toMatchObject({ regionDivision: successor, tradeName: '鑫磊' });
      expect(check.findings).toContainEqual(
        expect.objectContaining({ rule: 'name.region.abolished', severity: 'block' }),
      );
    }
    expect(rules('济南市章丘区鑫磊科技有限公司', '370114')).not.toContainEqual([
      'name.region.abolished',
      'block',
    ]);
  });
});

describe('a trade name that is only industry wording (第八条)', () => {
  it.each([
    ['成都电动工具有限公司', '510100'],
    ['天津汽车零件制造有限公司', '120000'],
    ['河南省超市管理有限公司', '410000'],
  ])('refuses %s with the rule and its basis', (name, division) => {
    const finding = checkNameRules(name, division, deps).findings.find(
      (f) => f.rule === 'name.trade-name.industry-word',
    );
    expect(finding).toMatchObject({ severity: 'block', basis: '《企业名称登记管理规定》第九条' });
  });
});

describe('region names as trade names (第八条: 另有含义的除外)', () => {
  it.each(['兴隆', '大丰', '新兴', '丰泽', '新洲', '沙河'])(
    'lets %s pass with a warning for the examiner',
    (word) => {
      const found = rules(`深圳市${word}科技有限公司`, '440305');
      expect(found).toContainEqual(['name.trade-name.region-name-other-meaning', 'warn']);
      expect(found.filter(([, s]) => s === 'block')).toEqual([]);
    },
  );

  it('still refuses a province or prefecture name, and not a longer trade name containing one', () => {
    expect(rules('深圳市广州科技有限公司', '440305')).toContainEqual([
      'name.trade-name.region-name',
      'block',
    ]);
    expect(rules('南京市栖霞云商贸有限公司', '320113')).toEqual([]);
  });
});
