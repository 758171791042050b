import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, checkCreditCode } from '#domain/credit-code';
import {
  type AuthorityRange,
  CodeRangeExhaustedError,
  checkCodeRanges,
  entityTypeCode,
  issueCreditCode,
  loadCodeRanges,
  NoCodeRangeError,
  organizationBodyFor,
  rangeCapacity,
  rangeFor,
} from '#domain/registration/credit-code-issuance';
import divisionSeed from '#seeds/divisions/divisions.json' with { type: 'json' };
import seed from '#seeds/registration/code-ranges.json' with { type: 'json' };

const { ranges } = loadCodeRanges();
const shenzhen = rangeFor('440305', ranges);

describe('organizationBodyFor', () => {
  it("is 'MA', the range's block and the sequence in the GB 32100 alphabet", () => {
    expect(shenzhen.blocks[0]).toBe('J3');
    expect(organizationBodyFor(shenzhen, 0)).toBe('MAJ30000');
    expect(organizationBodyFor(shenzhen, 1)).toBe('MAJ30001');
    expect(organizationBodyFor(shenzhen, 31)).toBe('MAJ30010'); // base 31: no I, O, S, V, Z
    expect(organizationBodyFor(shenzhen, 30)).toBe('MAJ3000Y');
  });

  it('moves to the next block when one is full, and fails typed when the last is', () => {
    const perBlock = 31 ** 4;
    expect(organizationBodyFor(shenzhen, perBlock - 1)).toBe('MAJ3YYYY');
    expect(organizationBodyFor(shenzhen, perBlock)).toBe('MAJ40000');
    expect(rangeCapacity(shenzhen)).toBe(3 * perBlock);
    expect(() => organizationBodyFor(shenzhen, 3 * perBlock)).toThrow(CodeRangeExhaustedError);
    const tiny: AuthorityRange = { id: 'tiny', scope: '99', name: 'test', blocks: ['Y0Y0Y'] };
    expect(organizationBodyFor(tiny, 30)).toBe('MAY0Y0YY');
    try {
      organizationBodyFor(tiny, 31);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CodeRangeExhaustedError);
      expect(e).toMatchObject({ rangeId: 'tiny', capacity: 31, sequence: 31 });
    }
  });

  it.each([-1, 1.5, Number.NaN])('refuses the sequence %s', (sequence) => {
    expect(() => organizationBodyFor(shenzhen, sequence)).toThrow(RangeError);
  });
});

describe('issueCreditCode', () => {
  it('issues codes that validate, with authority 9, the entity-type code and the authority division', () => {
    const code = issueCreditCode({
      entityType: 'limited_liability_company',
      authorityDivision: '440305',
      sequence: 0,
    });
    expect(checkCreditCode(code)).toEqual({
      code,
      valid: true,
      parts: {
        authorityCode: '9',
        entityTypeCode: '1',
        division: '440305',
        organizationCode: expect.stringMatching(/^MAJ30000.$/),
      },
    });
    expect(
      issueCreditCode({ entityType: 'individual_business', authorityDivision: '110105', sequence: 7 }),
    ).toMatch(/^92110105MA00/);
    expect(
      issueCreditCode({ entityType: 'farmer_cooperative', authorityDivision: '510107', sequence: 7 }),
    ).toMatch(/^93510107MAN1/);
    expect(entityTypeCode('foreign_invested_company')).toBe('1');
  });

  it('gives distinct valid codes for sequences 0..5000 of one authority', () => {
    const codes = new Set<string>();
    for (let sequence = 0; sequence <= 5000; sequence++) {
      const code = issueCreditCode({ entityType: 'partnership', authorityDivision: '330106', sequence });
      expect(checkCreditCode(code).valid).toBe(true);
      codes.add(code);
    }
    expect(codes.size).toBe(5001);
  });

  it('never gives two ranges the same organization code, whatever their sequences', () => {
    const divisions = [
      '100000',
      '110105',
      '120101',
      '310115',
      '440305',
      '440106',
      '440604',
      '441900',
      '445102',
      '330106',
      '650102',
    ];
    const seen = new Map<string, string>();
    const samples = [0, 1, 30, 31, 961, 29_791, 923_520, 923_521, 1_000_000];
    for (const division of divisions) {
      const range = rangeFor(division, ranges);
      for (const sequence of samples) {
        if (sequence >= rangeCapacity(range)) continue;
        const org = issueCreditCode({
          entityType: 'limited_liability_company',
          authorityDivision: division,
          sequence,
        }).slice(8, 17);
        const owner = `${range.id}#${sequence}`;
        expect(seen.get(org) ?? owner).toBe(owner);
        seen.set(org, owner);
      }
    }
    expect(seen.size).toBeGreaterThan(80);
  });

  it('shares one range, and so one sequence, between the authorities of a prefecture', () => {
    expect(rangeFor('440304', ranges).id).toBe('440300');
    expect(rangeFor('440300', ranges).id).toBe('440300');
    expect(rangeFor('440604', ranges).id).toBe('440600');
    expect(rangeFor('445102', ranges).id).toBe('440000'); // 潮州: no range of its own, the province's
    expect(rangeFor('110105', ranges).id).toBe('110000');
    expect(rangeFor('100000', ranges).id).toBe('100000');
  });

  it('has a range for every authority in the division seed', () => {
    const codes = [...divisionSeed.divisions.map((d) => d.code), '100000'];
    expect(codes.length).toBeGreaterThan(3000);
    for (const code of codes) expect(() => rangeFor(code, ranges)).not.toThrow();
  });

  it('throws typed errors for a division no range serves and for a malformed one', () => {
    expect(() => rangeFor('710000', ranges)).toThrow(NoCodeRangeError);
    expect(() =>
      issueCreditCode({ entityType: 'partnership', authorityDivision: '4403', sequence: 0 }),
    ).toThrow(RangeError);
  });
});

describe('code-ranges.json', () => {
  it('is versioned, uses the alphabet and gives each province its own first character', () => {
    expect(seed.version).toMatch(/^\d{4}\.\d+$/);
    expect(seed.basis).toContain('GB 32100');
    const byProvince = new Map<string, Set<string>>();
    for (const r of seed.ranges) {
      for (const b of r.blocks) {
        expect([...b].every((c) => CREDIT_CODE_ALPHABET.includes(c))).toBe(true);
        const province = r.scope === '10' ? '11' : r.scope.slice(0, 2); // the national authority sits with Beijing
        byProvince.set(b[0]!, (byProvince.get(b[0]!) ?? new Set()).add(province));
      }
    }
    for (const provinces of byProvince.values()) expect(provinces.size).toBe(1);
    expect(byProvince.size).toBe(31);
  });

  it('refuses an allocation whose blocks overlap or repeat a scope', () => {
    const r = (id: string, scope: string, blocks: string[]): AuthorityRange => ({
      id,
      scope,
      name: id,
      blocks,
    });
    expect(() => checkCodeRanges([r('a', '44', ['J']), r('b', '4403', ['J3'])])).toThrow(
      /block J \(a\) contains J3 \(b\)/,
    );
    expect(() => checkCodeRanges([r('a', '44', ['J0']), r('b', '4403', ['J0'])])).toThrow(/allocated twice/);
    expect(() => checkCodeRanges([r('a', '44', ['J0']), r('b', '44', ['J1'])])).toThrow(
      /scope 44 allocated twice/,
    );
    expect(() => checkCodeRanges([r('a', '44', ['JI'])])).toThrow(/bad block JI/);
    expect(() => checkCodeRanges(seed.ranges)).not.toThrow();
  });
});
