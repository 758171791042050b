/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters: registration-authority code (1), entity-type code (1), division code of the
 * registering authority (6, GB/T 2260), organization code (9, GB 11714: 8 characters and their own
 * check character) and the final check character. Pure: no I/O, no clock.
 */

/** The 31 symbols of GB 32100: digits and capitals without I, O, S, V, Z. Index = value. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const VALUE = new Map([...CREDIT_CODE_ALPHABET].map((c, i) => [c, i]));

/** Weights 3^i mod 31 for positions 1..17. */
const WEIGHTS_32100 = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** GB 11714 weights for the 8 body characters of the organization code. */
const WEIGHTS_11714 = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * Entity-type codes by registration-authority code (GB 32100-2015, table 1 and later additions).
 * Market regulation is authority 9: 1 enterprise, 2 individual business, 3 farmer cooperative.
 */
export const AUTHORITY_ENTITY_TYPES: Readonly<Record<string, { authority: string; types: string }>> = {
  '1': { authority: '机构编制', types: '1239' },
  '2': { authority: '外交', types: '19' },
  '3': { authority: '司法行政', types: '1234569' },
  '4': { authority: '文化', types: '19' },
  '5': { authority: '民政', types: '1239' },
  '6': { authority: '旅游', types: '129' },
  '7': { authority: '宗教', types: '129' },
  '8': { authority: '工会', types: '19' },
  '9': { authority: '市场监管（工商）', types: '123' },
  A: { authority: '中央军委改革和编制办公室', types: '19' },
  N: { authority: '农业', types: '1239' },
  Y: { authority: '其他', types: '1' },
};

/** Province-level prefixes of GB/T 2260, plus 10 for the national authority (100000). */
const PROVINCE_PREFIXES = new Set(
  '10 11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

/** The final check character over the first 17 characters. A sum that is a multiple of 31 gives '0'. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (VALUE.get(first17[i] ?? '') ?? Number.NaN) * (WEIGHTS_32100[i] ?? 0);
  if (Number.isNaN(sum)) throw new RangeError('the first 17 characters must come from the GB 32100 alphabet');
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 character value: digits 0-9, letters A-Z as 10-35 (the full Latin alphabet, not GB 32100's). */
function value11714(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return Number.NaN;
}

/** The organization code's own check character: 11 - (sum mod 11), with 10 as 'X' and 11 as '0'. */
export function organizationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += value11714(body8[i] ?? '') * (WEIGHTS_11714[i] ?? 0);
  if (Number.isNaN(sum)) throw new RangeError('the organization code body must be digits and capitals');
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export interface CreditCodeParts {
  authorityCode: string;
  entityTypeCode: string;
  division: string;
  organizationCode: string;
}

export type CreditCodeCheck =
  | { code: string; valid: true; parts: CreditCodeParts }
  | { code: string; valid: false; reason: string; parts?: CreditCodeParts };

/**
 * Validates any input (it is never an error to ask): the answer says why a code is invalid.
 * Lower case and surrounding blanks are forgiven, as people copy codes from paper.
 */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { code, valid: false, reason: `must be 18 characters, got ${code.length}` };
  const bad = [...code].findIndex((c) => !VALUE.has(c));
  if (bad >= 0) {
    return {
      code,
      valid: false,
      reason: `character ${bad + 1} ('${code[bad]}') is not in the GB 32100 alphabet (digits and capitals without I, O, S, V, Z)`,
    };
  }
  const parts: CreditCodeParts = {
    authorityCode: code[0]!,
    entityTypeCode: code[1]!,
    division: code.slice(2, 8),
    organizationCode: code.slice(8, 17),
  };
  const authority = AUTHORITY_ENTITY_TYPES[parts.authorityCode];
  if (!authority)
    return {
      code,
      valid: false,
      reason: `unknown registration-authority code '${parts.authorityCode}'`,
      parts,
    };
  if (!authority.types.includes(parts.entityTypeCode)) {
    return {
      code,
      valid: false,
      reason: `entity-type code '${parts.entityTypeCode}' does not exist for authority '${parts.authorityCode}' (${authority.authority})`,
      parts,
    };
  }
  if (!/^\d{6}$/.test(parts.division) || !PROVINCE_PREFIXES.has(parts.division.slice(0, 2))) {
    return { code, valid: false, reason: `'${parts.division}' is not a GB/T 2260 division code`, parts };
  }
  const orgCheck = organizationCodeCheckChar(parts.organizationCode.slice(0, 8));
  if (orgCheck !== parts.organizationCode[8]) {
    return {
      code,
      valid: false,
      reason: `organization code check character is '${parts.organizationCode[8]}', expected '${orgCheck}' (GB 11714)`,
      parts,
    };
  }
  const check = creditCodeCheckChar(code.slice(0, 17));
  if (check !== code[17]) {
    return {
      code,
      valid: false,
      reason: `check character is '${code[17]}', expected '${check}' (GB 32100)`,
      parts,
    };
  }
  return { code, valid: true, parts };
}

/** Builds a full code from its parts and an 8-character organization body, computing both check characters. */
export function composeCreditCode(
  p: Omit<CreditCodeParts, 'organizationCode'> & { organizationBody: string },
): string {
  const first17 = `${p.authorityCode}${p.entityTypeCode}${p.division}${p.organizationBody}${organizationCodeCheckChar(p.organizationBody)}`;
  return first17 + creditCodeCheckChar(first17);
}
