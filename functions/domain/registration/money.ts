/**
 * Exact money arithmetic for amounts written as decimal strings ("1000000", "2500.50"). Amounts are
 * held as BigInt cents, never as floats: 0.1 + 0.2 must equal 0.3 when a registry compares the sum of
 * contributions with the registered capital, and "1000000.00" must equal "1000000".
 */
import type { Money } from './types.ts';

/** No sign, no leading zeros, at most two decimals; sixteen integer digits is beyond any capital. */
export const AMOUNT_PATTERN = /^(?:0|[1-9]\d{0,15})(?:\.\d{1,2})?$/;

export class AmountFormatError extends RangeError {
  constructor(readonly amount: string) {
    super(`'${amount}' is not a decimal amount with at most two decimals`);
    this.name = 'AmountFormatError';
  }
}

/** The amount in cents (hundredths of the currency unit). */
export function toCents(amount: string): bigint {
  if (!AMOUNT_PATTERN.test(amount)) throw new AmountFormatError(amount);
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/** The canonical form: no decimals for a whole amount, otherwise exactly two ("2500.50"). */
export function fromCents(cents: bigint): string {
  if (cents < 0n) throw new RangeError('amounts are never negative');
  const whole = cents / 100n;
  const fraction = cents % 100n;
  return fraction === 0n ? whole.toString() : `${whole}.${fraction.toString().padStart(2, '0')}`;
}

/** -1, 0 or 1, comparing exactly. */
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  const x = toCents(a);
  const y = toCents(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sameAmount(a: string, b: string): boolean {
  return compareAmounts(a, b) === 0;
}

/** The exact sum of amounts, in canonical form. */
export function sumAmounts(amounts: readonly string[]): string {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0n));
}

/** True when both are the same currency and the same amount ("1000000.00 CNY" = "1000000 CNY"). */
export function sameMoney(a: Money, b: Money): boolean {
  return a.currency === b.currency && sameAmount(a.amount, b.amount);
}

/** "1000000.5 CNY" → "1000000.50 CNY": how amounts appear in reasons. */
export function formatMoney(m: Money): string {
  return `${fromCents(toCents(m.amount))} ${m.currency}`;
}
