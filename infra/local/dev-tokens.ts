/**
 * POST /v1/dev/tokens: a platform token for any role, at once (absent in the cloud). It plays an identity
 * provider and the token service in one step, signed with the token service's local key, so the server
 * verifies it as the cloud's JWT authorizer verifies the token service's (identity.ts). To exercise the
 * real exchange locally, name a provider in IDENTITY_PROVIDERS and POST its token to /v1/auth/token.
 */

import { ROUTE } from '#contract/routes';
import { ValidationError } from '#domain/errors';
import { checkResidentId, identityHash } from '#domain/identity';
import { isKnownDepartment, knownDepartments } from '#domain/push/recipients';
import { httpRoute, json } from '#http/route';
import type { LocalIssuer } from './identity.ts';

let issuer: LocalIssuer | undefined;

export function useIssuer(i: LocalIssuer): void {
  issuer = i;
}

export const handler = httpRoute(ROUTE.IssueDevToken, async ({ body }) => {
  if (!issuer) throw new Error('the local token issuer is not configured');
  const { idNumber, ...claims } = body;
  // A token for a department the registry does not share with would only ever meet 404s.
  if (claims.departmentCode !== undefined && !isKnownDepartment(claims.departmentCode))
    throw new ValidationError(
      `departmentCode is not a known department; known (case-sensitive): ${knownDepartments().join(', ')}`,
      [{ path: 'body.departmentCode', message: `one of ${knownDepartments().join(', ')}` }],
    );
  if (idNumber !== undefined) {
    const check = checkResidentId(idNumber);
    if (!check.valid)
      throw new ValidationError('idNumber is not a valid resident identity number', [
        { path: 'body.idNumber', message: check.reason },
      ]);
  }
  const token = await issuer.sign({
    ...Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined)),
    ...(idNumber ? { idHash: identityHash(idNumber) } : {}),
  } as Record<string, string>);
  return json(201, { token });
});

/** Wired like every handler module. */
export const handlers = (_ports?: unknown) => ({ handler });
