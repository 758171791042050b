import { createHash } from 'node:crypto';

/**
 * Resident identity numbers (公民身份号码), GB 11643-1999: 17 digits and a check character
 * (0-9 or X) computed mod 11 with weights 2^(18-i) mod 11. Identity numbers are personal data: they are
 * validated here, then only their hash and a masked form travel on; they never reach a log line.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdentityCheck = { valid: true } | { valid: false; reason: string };

export function checkResidentId(input: string): IdentityCheck {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, reason: 'must be 17 digits and a check digit or X' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { valid: false, reason: 'the birth date in positions 7-14 is not a real date' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i]!;
  if (CHECK[sum % 11] !== id[17])
    return { valid: false, reason: 'the check digit does not match (GB 11643)' };
  return { valid: true };
}

/** SHA-256 (hex) of the normalized number: the `idHash` claim of a real-name-verified token. */
export function identityHash(idNumber: string): string {
  return createHash('sha256').update(idNumber.trim().toUpperCase()).digest('hex');
}

/** Keeps the first 4 and last 2 characters, so a person can recognise their own number and nobody else can. */
export function maskIdentity(idNumber: string): string {
  const id = idNumber.trim();
  if (id.length <= 6) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 6)}${id.slice(-2)}`;
}
