import { describe, expect, it } from 'vitest';
import { checkResidentId, identityHash, maskIdentity } from '#domain/identity';

// The GB 11643-1999 standard's own example number, and synthetic numbers with correct check digits.
const STANDARD_EXAMPLE = '11010519491231002X';

describe('checkResidentId', () => {
  it('accepts the example of GB 11643 (check character X)', () => {
    expect(checkResidentId(STANDARD_EXAMPLE)).toEqual({ valid: true });
    expect(checkResidentId(STANDARD_EXAMPLE.toLowerCase())).toEqual({ valid: true });
  });

  it('accepts a number with a digit check', () => {
    expect(checkResidentId('440305199003070014')).toEqual({ valid: true });
  });

  it.each([
    ['110105194912310021', 'check digit'],
    ['11010519491231002', '17 digits'],
    ['1101051949123100XX', '17 digits'],
    ['110105194902300021', 'birth date'],
  ])('refuses %s (%s)', (id, reason) => {
    const r = checkResidentId(id);
    expect(r.valid).toBe(false);
    expect(r.valid === false && r.reason).toContain(reason);
  });
});

describe('protection', () => {
  it('hashes the normalized number, so a lower-case x gives the same claim', () => {
    expect(identityHash(STANDARD_EXAMPLE)).toBe(identityHash(STANDARD_EXAMPLE.toLowerCase()));
    expect(identityHash(STANDARD_EXAMPLE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('masks all but the first four and last two characters', () => {
    expect(maskIdentity(STANDARD_EXAMPLE)).toBe('1101************2X');
  });
});
