import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  composeCreditCode,
  creditCodeCheckChar,
  organizationCodeCheckChar,
} from '#domain/credit-code';

// Real codes from the public registry (national enterprise credit information publicity system).
const REAL = {
  '914403001922038216': 'Huawei Technologies Co., Ltd. (Shenzhen)',
  '9144030071526726XG': 'Tencent Technology (Shenzhen): organization check X',
  '91330100716105852F': 'Alibaba (China) Co., Ltd. (Hangzhou)',
  '91110108551385082Q': 'Xiaomi Technology (Beijing Haidian)',
  '91350100M000100Y43': 'a Fuzhou code with a letter in its organization code',
};

describe('checkCreditCode', () => {
  it.each(Object.entries(REAL))('accepts the real code %s (%s)', (code) => {
    const result = checkCreditCode(code);
    expect(result.valid).toBe(true);
    expect(result.parts?.authorityCode).toBe('9');
    expect(result.parts?.division).toBe(code.slice(2, 8));
  });

  it('decodes the parts', () => {
    expect(checkCreditCode('9144030071526726XG')).toEqual({
      code: '9144030071526726XG',
      valid: true,
      parts: { authorityCode: '9', entityTypeCode: '1', division: '440300', organizationCode: '71526726X' },
    });
  });

  it('forgives lower case and blanks copied from paper', () => {
    expect(checkCreditCode(' 9144030071526726xg ').valid).toBe(true);
  });

  it('explains a wrong final check character', () => {
    const r = checkCreditCode('914403001922038217');
    expect(r).toMatchObject({ valid: false, reason: expect.stringContaining("expected '6'") });
  });

  it('explains a wrong organization-code check character', () => {
    const r = checkCreditCode('914403001922038226');
    expect(r.valid).toBe(false);
    expect(r.valid === false && r.reason).toMatch(/organization code check character.*GB 11714/);
  });

  it.each([
    ['', 'must be 18 characters, got 0'],
    ['91440300192203821', 'must be 18 characters, got 17'],
    ['9144030019220382I6', "('I') is not in the GB 32100 alphabet"],
    ['9O4403001922038216', "('O') is not in the GB 32100 alphabet"],
    ['B14403001922038216', "unknown registration-authority code 'B'"],
    ['941403001922038216', "entity-type code '4' does not exist for authority '9'"],
    ['919903001922038216', "'990300' is not a GB/T 2260 division code"],
  ])('refuses %j: %s', (code, reason) => {
    const r = checkCreditCode(code);
    expect(r.valid).toBe(false);
    expect(r.valid === false && r.reason).toContain(reason);
  });

  it('accepts other authorities (civil affairs: social organization, foundation)', () => {
    const code = composeCreditCode({
      authorityCode: '5',
      entityTypeCode: '3',
      division: '110000',
      organizationBody: '50000012',
    });
    expect(checkCreditCode(code).valid).toBe(true);
    expect(checkCreditCode(`Y1${code.slice(2)}`).valid).toBe(false); // the check character no longer fits
  });
});

describe('check characters', () => {
  it('gives 0, not 31, when the weighted sum is a multiple of 31', () => {
    // Search the space for a prefix whose sum is ≡ 0 (mod 31): the case several implementations get wrong.
    let found: string | undefined;
    for (let n = 0; n < 100_000 && !found; n++) {
      const body = String(n).padStart(8, '0');
      const prefix = `91440300${body}${organizationCodeCheckChar(body)}`;
      if (creditCodeCheckChar(prefix) === '0') found = prefix;
    }
    expect(found).toBeDefined();
    expect(checkCreditCode(`${found}0`).valid).toBe(true);
  });

  it("gives '0' for an organization code whose sum is a multiple of 11, and 'X' for remainder 1", () => {
    expect(organizationCodeCheckChar('00000000')).toBe('0');
    expect(organizationCodeCheckChar('71526726')).toBe('X');
  });

  it('values organization-code letters on the full Latin alphabet (GB 11714), not the GB 32100 one', () => {
    // M is 22 in GB 11714 but 21 in the 31-symbol alphabet; the real Fuzhou code only validates with 22.
    expect(organizationCodeCheckChar('M000100Y')).toBe('4');
    expect(CREDIT_CODE_ALPHABET.indexOf('M')).toBe(21);
  });

  it('composes codes that validate', () => {
    for (const body of ['MA000001', 'MA5D2K7X', '12345678']) {
      const code = composeCreditCode({
        authorityCode: '9',
        entityTypeCode: '1',
        division: '440305',
        organizationBody: body,
      });
      expect(checkCreditCode(code)).toMatchObject({
        valid: true,
        parts: { organizationCode: expect.stringMatching(new RegExp(`^${body}`)) },
      });
    }
  });
});
