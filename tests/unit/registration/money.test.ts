import { describe, expect, it } from 'vitest';
import {
  AmountFormatError,
  compareAmounts,
  formatMoney,
  fromCents,
  sameAmount,
  sameMoney,
  sumAmounts,
  toCents,
} from '#domain/registration/money';

describe('exact money', () => {
  it('adds 0.1 and 0.2 to exactly 0.3, where floats do not', () => {
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(sumAmounts(['0.1', '0.2'])).toBe('0.30');
    expect(sameAmount(sumAmounts(['0.1', '0.2']), '0.3')).toBe(true);
  });

  it('treats 1000000.00, 1000000.0 and 1000000 as one amount', () => {
    expect(sameAmount('1000000.00', '1000000')).toBe(true);
    expect(sameAmount('1000000.0', '1000000')).toBe(true);
    expect(compareAmounts('1000000.01', '1000000')).toBe(1);
    expect(compareAmounts('999999.99', '1000000')).toBe(-1);
  });

  it('sums amounts too large for a float to hold to the cent', () => {
    // 2^53 cents is about 90 trillion yuan: a float would lose the last cent here.
    const big = '9007199254740993.01';
    expect(sumAmounts([big, '0.01'])).toBe('9007199254740993.02');
    expect(toCents(big)).toBe(900719925474099301n);
  });

  it('sums a thousand cents to ten yuan exactly', () => {
    expect(sumAmounts(Array.from({ length: 1000 }, () => '0.01'))).toBe('10');
  });

  it('writes amounts in one canonical form', () => {
    expect(fromCents(100_000_000n)).toBe('1000000');
    expect(fromCents(250_050n)).toBe('2500.50');
    expect(fromCents(5n)).toBe('0.05');
    expect(formatMoney({ amount: '1000000.5', currency: 'CNY' })).toBe('1000000.50 CNY');
    expect(() => fromCents(-1n)).toThrow(RangeError);
  });

  it('compares money by currency as well as amount', () => {
    expect(sameMoney({ amount: '100', currency: 'CNY' }, { amount: '100.00', currency: 'CNY' })).toBe(true);
    expect(sameMoney({ amount: '100', currency: 'CNY' }, { amount: '100', currency: 'USD' })).toBe(false);
  });

  it.each(['', '1.234', '-1', '01', '1.', '.5', '1e6', '1,000', ' 1', '１'])('refuses %j', (amount) => {
    expect(() => toCents(amount)).toThrow(AmountFormatError);
  });
});
