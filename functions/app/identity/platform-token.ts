/**
 * Platform tokens: compact JWS (RS256) signed through the TokenKeyring port, so the same code signs with
 * KMS in the cloud and with a key file locally; and the issuer's metadata, which the API's JWT
 * authorizer reads (`/.well-known/openid-configuration`, then its `jwks_uri`).
 */
import { PLATFORM_TOKEN_ALGORITHM, TOKEN_ENDPOINT_PATH, TOKEN_JWKS_PATH } from '#contract/identity';
import { ID_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '#contract/schemas/identity';
import type { PlatformClaims } from '#domain/identity/provider';
import type { TokenIssuer, TokenKeyring } from '#ports/identity';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Signs `claims` for `lifetimeSeconds` from `now`. `iss`, `aud`, `iat` and `exp` are the issuer's, set
 * here: the claims cannot carry their own.
 */
export async function signPlatformToken(
  ports: { tokenKeys: TokenKeyring; tokenIssuer: TokenIssuer },
  claims: PlatformClaims | Readonly<Record<string, string>>,
  now: Date,
  lifetimeSeconds: number,
): Promise<SignedToken> {
  const key = await ports.tokenKeys.current();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + Math.max(1, Math.floor(lifetimeSeconds));
  const header = { alg: PLATFORM_TOKEN_ALGORITHM, typ: 'JWT', kid: key.kid };
  const payload = {
    ...claims,
    iss: ports.tokenIssuer.issuer,
    aud: ports.tokenIssuer.audience,
    iat,
    exp,
  };
  const signingInput = `${encode(header)}.${encode(payload)}`;
  const signature = await key.sign(new TextEncoder().encode(signingInput));
  return {
    token: `${signingInput}.${Buffer.from(signature).toString('base64url')}`,
    expiresAt: new Date(exp * 1000),
  };
}

/** The discovery document: what the JWT authorizer needs (`issuer`, `jwks_uri`) and what a client may use. */
export function openIdConfiguration(issuer: TokenIssuer) {
  const base = issuer.issuer;
  return {
    issuer: base,
    jwks_uri: `${base}${TOKEN_JWKS_PATH}`,
    token_endpoint: `${base}${TOKEN_ENDPOINT_PATH}`,
    grant_types_supported: [TOKEN_EXCHANGE_GRANT],
    // The exchange needs no client secret: the subject token is the credential.
    token_endpoint_auth_methods_supported: ['none'],
    // Signing in happens at the providers; the platform only exchanges: no authorization endpoint.
    response_types_supported: [],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: [PLATFORM_TOKEN_ALGORITHM],
    claims_supported: [
      'sub',
      'role',
      'idp',
      'branchId',
      'departmentCode',
      'authority',
      'idHash',
      'iss',
      'aud',
      'iat',
      'exp',
    ],
    subject_token_types_supported: [ID_TOKEN_TYPE],
  };
}

export async function platformJwks(ports: { tokenKeys: TokenKeyring }) {
  return ports.tokenKeys.jwks();
}
