/**
 * Reads the caller from where API Gateway's JWT authorizer (or the local server) puts the claims: the one
 * function every handler reads them through. The authorizer admits the platform's own tokens only, whose
 * claims the token service mapped from a provider's (docs/decisions/0017-identity.md): names are bare,
 * and a provider's own claim names (Cognito's `custom:role`) never reach a handler.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { type Caller, ROLES, type Role } from '#domain/caller';

type Claims = Record<string, string | number | boolean | string[]>;

function claim(claims: Claims, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function readCaller(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): Caller | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims as Claims | undefined;
  if (!claims) return undefined;
  const sub = claim(claims, 'sub');
  const role = claim(claims, 'role');
  if (!sub || !role || !ROLES.includes(role as Role)) return undefined;
  const optional = (name: keyof Caller) => {
    const v = claim(claims, name);
    return v ? { [name]: v } : {};
  };
  return {
    sub,
    role: role as Role,
    ...optional('branchId'),
    ...optional('departmentCode'),
    ...optional('authority'),
    ...optional('idHash'),
  };
}
