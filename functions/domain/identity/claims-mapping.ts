/**
 * A provider's verified claims become the platform's (api.md, Conventions): the one place where what a
 * provider says turns into a role, a binding or an identity hash. The rules that keep a claim a user
 * can write from becoming a privilege:
 * - a staff role comes only from a staff directory's named claim (`role.claim`); a provider of fixed
 *   role `applicant` has its role claims ignored, whatever they say;
 * - `idHash` comes only from a provider flagged as verifying real names, as the SHA-256 of the resident
 *   identity number it gives (hashed as the platform hashes every identity number), never from a hash
 *   a token carries;
 * - bindings (branch, department, authority) come only with the staff role that needs them;
 * - `sub` is prefixed with the provider's id, so two providers' users never share records.
 */
import { checkResidentId, identityHash } from '../identity.ts';
import {
  type IdentityProvider,
  isStaffRole,
  type PlatformClaims,
  type RoleSource,
  type StaffRole,
} from './provider.ts';
import { TokenRefused } from './refusal.ts';

type Claims = Readonly<Record<string, unknown>>;

const MAX_SUBJECT = 128;
const AUTHORITY = /^\d{6}$/;

/** A claim by its exact name, else by a dotted path into nested objects (`realm_access.roles`). */
export function claimAt(claims: Claims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function text(claims: Claims, name: string | undefined, max: number): string | undefined {
  if (!name) return undefined;
  const value = claimAt(claims, name);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed && trimmed.length <= max ? trimmed : undefined;
}

/** The one staff role a directory's claim names, or `applicant` where the provider allows accounts without one. */
function roleFrom(source: RoleSource, claims: Claims): StaffRole | 'applicant' {
  if ('fixed' in source) return source.fixed;
  const raw = claimAt(claims, source.claim);
  const names = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const mapped = new Set<StaffRole>();
  for (const name of names) {
    // Own properties only: a group called `constructor` must not find Object.prototype's.
    const role = source.values
      ? Object.hasOwn(source.values, name)
        ? source.values[name]
        : undefined
      : name;
    if (isStaffRole(role)) mapped.add(role);
  }
  if (mapped.size > 1)
    throw new TokenRefused(
      'role',
      `the account holds more than one staff role (${[...mapped].join(', ')}); one account has one role`,
    );
  const [role] = mapped;
  if (role) return role;
  if (source.otherwise) return source.otherwise;
  throw new TokenRefused('role', `the claim '${source.claim}' names no staff role of the registry`);
}

/** What binds a staff role to the records it may see, from the directory's claims. */
function bindingOf(role: StaffRole | 'applicant', provider: IdentityProvider, claims: Claims) {
  const names = provider.claims;
  switch (role) {
    case 'bank_clerk': {
      const branchId = text(claims, names.branchId, 64);
      if (!branchId) throw new TokenRefused('binding', 'a bank_clerk is bound to a branch: no branch claim');
      return { branchId };
    }
    case 'department': {
      const departmentCode = text(claims, names.departmentCode, 64);
      if (!departmentCode)
        throw new TokenRefused('binding', 'a department account is bound to a department: no code claim');
      return { departmentCode };
    }
    case 'examiner': {
      const authority = text(claims, names.authority, 6);
      if (!authority || !AUTHORITY.test(authority))
        throw new TokenRefused('binding', 'an examiner names a 6-digit registration authority: none given');
      return { authority };
    }
    default:
      return {};
  }
}

/** `idHash` from a real-name provider's identity number; nothing from any other provider. */
function identityOf(provider: IdentityProvider, claims: Claims): { idHash?: string } {
  if (!provider.realNameVerified) return {};
  const idNumber = text(claims, provider.claims.idNumber, 32);
  // A person verified with a passport or a permit has no resident identity number: no hash, no refusal.
  if (!idNumber || !checkResidentId(idNumber).valid) return {};
  return { idHash: identityHash(idNumber) };
}

/** The platform's claims for a token the provider has been verified to have signed. */
export function mapProviderClaims(provider: IdentityProvider, claims: Claims): PlatformClaims {
  const subject = text(claims, provider.claims.subject, MAX_SUBJECT);
  if (!subject)
    throw new TokenRefused('claims', `the subject claim '${provider.claims.subject}' is missing or too long`);
  const role = roleFrom(provider.role, claims);
  return {
    sub: `${provider.id}:${subject}`,
    role,
    idp: provider.id,
    ...bindingOf(role, provider, claims),
    ...identityOf(provider, claims),
  };
}

/**
 * The `iss` of a token, read before its signature is checked, only to choose whose keys check it. A
 * token that lies about its issuer then fails that provider's signature check.
 */
export function unverifiedIssuer(token: string): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenRefused('malformed', 'not a compact JWS (three parts)');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    throw new TokenRefused('malformed', 'the payload is not base64url JSON');
  }
  const iss = (payload as { iss?: unknown } | null)?.iss;
  if (typeof iss !== 'string' || !iss) throw new TokenRefused('malformed', 'the token names no issuer');
  return iss;
}
