/**
 * Format checks for the identity documents a person registers with. Only the resident identity
 * number carries a check digit (GB 11643); the other documents can only be checked for their shape,
 * which still catches a number typed into the wrong field.
 */
import { checkResidentId, type IdentityCheck } from '../identity.ts';
import type { IdType } from './types.ts';

/**
 * - passport: the ICAO 9303 document number is up to 9 characters, but some states issue longer
 *   ones that overflow into the optional field, so 5 to 20 letters and digits.
 * - hk_macao_permit (港澳居民来往内地通行证): H (Hong Kong) or M (Macao) and 8 digits; the booklets
 *   issued before 2013 carried 2 more digits for the renewal count.
 * - taiwan_permit (台湾居民来往大陆通行证): 8 digits on the card issued since 2015; 10 on older ones.
 */
const FORMATS: Readonly<Record<Exclude<IdType, 'resident_id'>, { pattern: RegExp; reason: string }>> = {
  passport: { pattern: /^[A-Z0-9]{5,20}$/, reason: 'a passport number is 5 to 20 letters and digits' },
  hk_macao_permit: {
    pattern: /^[HM]\d{8}(?:\d{2})?$/,
    reason: 'a Hong Kong or Macao permit number is H or M and 8 (or 10) digits',
  },
  taiwan_permit: {
    pattern: /^\d{8}(?:\d{2})?$/,
    reason: 'a Taiwan permit number is 8 (or 10) digits',
  },
};

export function checkIdNumber(idType: IdType, idNumber: string): IdentityCheck {
  if (idType === 'resident_id') return checkResidentId(idNumber);
  const format = FORMATS[idType];
  return format.pattern.test(idNumber.trim().toUpperCase())
    ? { valid: true }
    : { valid: false, reason: format.reason };
}

/**
 * The residence permits of Hong Kong, Macao and Taiwan residents (港澳台居民居住证) carry a GB 11643
 * number whose division part is 810000, 820000 or 830000.
 */
const NON_RESIDENT_DIVISIONS = /^8[123]0000/;

/**
 * True for a person who is not a mainland resident: a passport, a Hong Kong, Macao or Taiwan permit,
 * or a residence permit number. Their investment counts as foreign investment (外商投资法 第二条;
 * Hong Kong, Macao and Taiwan investors are treated alike, 外商投资法实施条例 第四十八条).
 */
export function isNonResident(idType: IdType | undefined, idNumber: string | undefined): boolean {
  if (idType === undefined) return false;
  if (idType !== 'resident_id') return true;
  return NON_RESIDENT_DIVISIONS.test(idNumber?.trim() ?? '');
}
