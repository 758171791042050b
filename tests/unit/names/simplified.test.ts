import { describe, expect, it } from 'vitest';
import { toSimplified } from '#domain/names/normalize';
import seed from '#seeds/names/simplified.json' with { type: 'json' };
import { buildSimplified, standardCharacters } from '../../../scripts/seed-simplified.ts';

describe('the traditional-to-standard table (seeds/names/simplified.json)', () => {
  it('is what scripts/seed-simplified.ts generates from OpenCC and the standard set, so it was regenerated after any change', () => {
    expect(Object.entries(seed.characters)).toEqual(buildSimplified());
  });

  it('turns no character into a non-standard one and leaves every standard character as written', () => {
    const keep = standardCharacters();
    for (const [from, to] of Object.entries(seed.characters)) {
      expect(keep.has(from), from).toBe(false);
      expect([...to], from).toHaveLength(1);
    }
    expect(toSimplified([...keep].join(''))).toBe([...keep].join(''));
  });
});
