/**
 * The one mapping from a provider's verified claims to the platform's (domain/identity): which provider
 * may vouch for what, and every refusal. No keys here: the claims are as if verified.
 */
import { describe, expect, it } from 'vitest';
import { identityHash } from '#domain/identity';
import { mapProviderClaims, unverifiedIssuer } from '#domain/identity/claims-mapping';
import { cognitoTokenClaims } from '#domain/identity/cognito';
import type { IdentityProvider } from '#domain/identity/provider';
import { TokenRefused } from '#domain/identity/refusal';

const ID_NUMBER = '11010519491231002X';

/** The province's unified identity platform: applicants only, real names verified. */
const province: IdentityProvider = {
  id: 'province',
  issuer: 'https://uia.example.gov.cn',
  audience: 'registry',
  jwks: { keys: [] },
  algorithms: ['RS256'],
  realNameVerified: true,
  role: { fixed: 'applicant' },
  claims: { subject: 'sub', idNumber: 'id_card' },
};

/** A staff directory: the role from a group claim, bindings from named claims, no real names. */
const staff: IdentityProvider = {
  id: 'staff',
  issuer: 'https://sso.example.gov.cn',
  audience: 'registry',
  jwks: { keys: [] },
  algorithms: ['RS256'],
  realNameVerified: false,
  role: {
    claim: 'groups',
    values: {
      'REG-EXAMINER': 'examiner',
      'REG-OPS': 'operator',
      'BANK-CLERK': 'bank_clerk',
      TAX: 'department',
    },
  },
  claims: { subject: 'sub', branchId: 'branch', departmentCode: 'dept', authority: 'org.authority' },
};

function refusal(fn: () => unknown): TokenRefused {
  try {
    fn();
  } catch (error) {
    if (error instanceof TokenRefused) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('mapProviderClaims', () => {
  it("makes an applicant of the province's user, with idHash from the verified identity number", () => {
    expect(mapProviderClaims(province, { sub: 'u-1', id_card: ` ${ID_NUMBER.toLowerCase()} ` })).toEqual({
      sub: 'province:u-1',
      role: 'applicant',
      idp: 'province',
      idHash: identityHash(ID_NUMBER),
    });
  });

  it('never takes a role, a binding or an idHash from claims an applicant can write', () => {
    const claims = {
      sub: 'u-1',
      role: 'operator',
      groups: ['REG-OPS'],
      idHash: 'f'.repeat(64),
      branchId: 'B-1',
      authority: '110108',
    };
    expect(mapProviderClaims(province, claims)).toEqual({
      sub: 'province:u-1',
      role: 'applicant',
      idp: 'province',
    });
  });

  it('takes no idHash from a provider that does not verify real names, whatever it carries', () => {
    const mapped = mapProviderClaims(staff, {
      sub: 'e-1',
      groups: 'REG-EXAMINER',
      org: { authority: '110108' },
      id_card: ID_NUMBER,
      idHash: identityHash(ID_NUMBER),
    });
    expect(mapped).toEqual({ sub: 'staff:e-1', role: 'examiner', idp: 'staff', authority: '110108' });
  });

  it('takes no idHash from an identity number that is not a valid resident one (a passport)', () => {
    expect(mapProviderClaims(province, { sub: 'u-2', id_card: 'E12345678' })).not.toHaveProperty('idHash');
    expect(mapProviderClaims(province, { sub: 'u-3', id_card: '110105194912310021' })).not.toHaveProperty(
      'idHash',
    );
  });

  it("maps a staff directory's groups to one staff role and binds it, and only it", () => {
    expect(
      mapProviderClaims(staff, {
        sub: 'c',
        groups: ['ALL-STAFF', 'BANK-CLERK'],
        branch: 'ICBC-1',
        dept: 'tax',
      }),
    ).toEqual({ sub: 'staff:c', role: 'bank_clerk', idp: 'staff', branchId: 'ICBC-1' });
    expect(mapProviderClaims(staff, { sub: 'd', groups: ['TAX'], dept: 'tax' })).toMatchObject({
      role: 'department',
      departmentCode: 'tax',
    });
    expect(mapProviderClaims(staff, { sub: 'o', groups: 'REG-OPS', branch: 'X' })).toEqual({
      sub: 'staff:o',
      role: 'operator',
      idp: 'staff',
    });
  });

  it('refuses a staff account with no staff role, or with two', () => {
    expect(refusal(() => mapProviderClaims(staff, { sub: 'x', groups: ['ALL-STAFF'] })).reason).toBe('role');
    // A directory name that is not mapped does not pass as the platform's own name.
    expect(refusal(() => mapProviderClaims(staff, { sub: 'x', groups: ['operator'] })).reason).toBe('role');
    // Prototype keys are not groups.
    expect(
      refusal(() => mapProviderClaims(staff, { sub: 'x', groups: ['constructor', 'toString'] })).reason,
    ).toBe('role');
    const two = refusal(() => mapProviderClaims(staff, { sub: 'x', groups: ['REG-OPS', 'REG-EXAMINER'] }));
    expect(two.reason).toBe('role');
    expect(two.message).toMatch(/more than one/);
  });

  it('refuses a staff role without what binds it', () => {
    expect(refusal(() => mapProviderClaims(staff, { sub: 'c', groups: 'BANK-CLERK' })).reason).toBe(
      'binding',
    );
    expect(refusal(() => mapProviderClaims(staff, { sub: 'd', groups: 'TAX' })).reason).toBe('binding');
    expect(
      refusal(() =>
        mapProviderClaims(staff, { sub: 'e', groups: 'REG-EXAMINER', org: { authority: '1101' } }),
      ).reason,
    ).toBe('binding');
  });

  it('lets a staff directory admit accounts without a staff role as applicants only where it says so', () => {
    const pool: IdentityProvider = { ...staff, id: 'pool', role: { claim: 'role', otherwise: 'applicant' } };
    expect(mapProviderClaims(pool, { sub: 'self-signed-up' })).toEqual({
      sub: 'pool:self-signed-up',
      role: 'applicant',
      idp: 'pool',
    });
    expect(mapProviderClaims(pool, { sub: 'admin-made', role: 'operator' })).toMatchObject({
      role: 'operator',
    });
    // Without `values`, only the platform's own staff role names count; 'applicant' is no staff role.
    expect(mapProviderClaims(pool, { sub: 'a', role: 'root' })).toMatchObject({ role: 'applicant' });
  });

  it('refuses a token without its subject, and prefixes the subject with the provider', () => {
    expect(refusal(() => mapProviderClaims(province, { id_card: ID_NUMBER })).reason).toBe('claims');
    expect(refusal(() => mapProviderClaims(province, { sub: 'x'.repeat(129) })).reason).toBe('claims');
    expect(
      mapProviderClaims({ ...province, claims: { subject: 'uid' } }, { uid: '42', sub: 'ignored' }).sub,
    ).toBe('province:42');
  });
});

describe('unverifiedIssuer', () => {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it('reads iss to choose whose keys check the token, and refuses what is no JWT', () => {
    expect(unverifiedIssuer(`${part({ alg: 'RS256' })}.${part({ iss: 'https://a' })}.sig`)).toBe('https://a');
    expect(refusal(() => unverifiedIssuer('not-a-jwt')).reason).toBe('malformed');
    expect(refusal(() => unverifiedIssuer(`${part({})}.%%%.x`)).reason).toBe('malformed');
    expect(refusal(() => unverifiedIssuer(`${part({})}.${part({ sub: 'x' })}.x`)).reason).toBe('malformed');
  });
});

describe('the Cognito option’s pre-token-generation claims', () => {
  it('makes a self-signed-up account an applicant and keeps idHash out of the token', () => {
    expect(cognitoTokenClaims({ sub: 'x', email: 'a@b.c', 'custom:idHash': 'f'.repeat(64) })).toEqual({
      claimsToAddOrOverride: { role: 'applicant' },
      claimsToSuppress: [
        'custom:role',
        'custom:idHash',
        'custom:branchId',
        'custom:departmentCode',
        'custom:authority',
      ],
    });
  });

  it("carries an administrator's staff role and its binding, and drops a role that is not the registry's", () => {
    expect(
      cognitoTokenClaims({
        'custom:role': 'bank_clerk',
        'custom:branchId': 'B-1',
        'custom:authority': '110108',
      }).claimsToAddOrOverride,
    ).toEqual({ role: 'bank_clerk', branchId: 'B-1', authority: '110108' });
    expect(cognitoTokenClaims({ 'custom:role': 'root' }).claimsToAddOrOverride).toEqual({
      role: 'applicant',
    });
  });
});
