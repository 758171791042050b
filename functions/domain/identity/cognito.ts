/**
 * The optional Cognito user pool (global regions only, docs/decisions/0017-identity.md) as one more
 * provider of the token service: its pre-token-generation trigger writes the registry's claims into the
 * ID token under the names that provider's mapping reads. Staff accounts carry `custom:role` (and their
 * binding), which only administrators can set; an account made by self sign-up has none and signs in
 * as an applicant. The pool verifies no real name, so `custom:idHash`, if an administrator ever set it,
 * is kept out of the token: identity hashes come only from a real-name provider.
 */
import { isStaffRole } from './provider.ts';

/** The claims the trigger adds, and those it suppresses (Cognito's `claimsOverrideDetails`). */
export interface CognitoClaimsOverride {
  claimsToAddOrOverride: Record<string, string>;
  claimsToSuppress: string[];
}

const BINDINGS = ['branchId', 'departmentCode', 'authority'] as const;

export function cognitoTokenClaims(attributes: Readonly<Record<string, string>>): CognitoClaimsOverride {
  const staffRole = attributes['custom:role'];
  const role = isStaffRole(staffRole) ? staffRole : 'applicant';
  const add: Record<string, string> = { role };
  if (role !== 'applicant') {
    for (const name of BINDINGS) {
      const value = attributes[`custom:${name}`];
      if (value) add[name] = value;
    }
  }
  return {
    claimsToAddOrOverride: add,
    claimsToSuppress: ['custom:role', 'custom:idHash', ...BINDINGS.map((n) => `custom:${n}`)],
  };
}
