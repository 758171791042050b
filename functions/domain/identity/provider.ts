/**
 * An identity provider the deployment trusts (docs/decisions/0017-identity.md): an OIDC issuer whose
 * tokens the platform's token service exchanges for its own. What a provider may vouch for is stated
 * here, per provider, never read from the token: whether its users' real names are verified (so an
 * identity number it gives becomes `idHash`), and where the role comes from.
 */
import type { Role } from '../caller.ts';

/** The roles only a staff directory gives: each one a registry official, a bank clerk or a department. */
export const STAFF_ROLES = ['bank_clerk', 'examiner', 'department', 'operator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const isStaffRole = (value: unknown): value is StaffRole =>
  typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);

/**
 * Where a provider's users get their role:
 * - `fixed: 'applicant'`: everyone it signs in is an applicant (the province's unified identity
 *   platform). A role claim in its tokens is never read: anyone can register there.
 * - `claim`: a staff directory names each account's role in one claim that only its administrators
 *   write (a group membership, say). `values` translates the directory's names into the platform's
 *   staff roles; without it, the claim must hold the platform's names. `otherwise: 'applicant'` lets an
 *   account with no staff role in (a pool where applicants sign themselves up); without it, refused.
 */
export type RoleSource =
  | { fixed: 'applicant' }
  | { claim: string; values?: Readonly<Record<string, StaffRole>>; otherwise?: 'applicant' };

/** The provider's claim names for what the platform reads; a name may be a dotted path (`realm_access.roles`). */
export interface ProviderClaimNames {
  /** The subject, `sub` unless the provider says otherwise. */
  subject: string;
  /** The resident identity number, read only from a provider that verifies real names. */
  idNumber?: string;
  branchId?: string;
  departmentCode?: string;
  authority?: string;
}

export interface IdentityProvider {
  /** Stable for the life of the deployment: it prefixes every `sub` this provider's users get. */
  id: string;
  /** The `iss` of its tokens, exactly. */
  issuer: string;
  /** The `aud` its tokens must carry: the client id the registry was given there. */
  audience: string;
  /** Where its public keys are published; or `jwks`, the keys themselves. */
  jwksUri?: string;
  jwks?: { keys: Record<string, unknown>[] };
  /** The signature algorithms its tokens may use; `none` is never one. */
  algorithms: readonly string[];
  /** The provider has verified each user's real name (实名认证): its identity number claim is trusted. */
  realNameVerified: boolean;
  role: RoleSource;
  claims: ProviderClaimNames;
}

/** The claims of a platform token: the caller, and which provider vouched for them. */
export interface PlatformClaims {
  sub: string;
  role: Role;
  /** The provider's id: for the audit trail, and so the same person's accounts elsewhere stay apart. */
  idp: string;
  branchId?: string;
  departmentCode?: string;
  authority?: string;
  idHash?: string;
}
