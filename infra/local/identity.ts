/**
 * The local stand-in for Cognito and API Gateway's JWT authorizer: an ES256 key kept under the data
 * directory signs tokens (POST /v1/dev/tokens) and the local server verifies them, putting the claims
 * where the authorizer puts them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, jwtVerify, SignJWT } from 'jose';

export const LOCAL_AUDIENCE = 'one-stop-registry-local';
const TOKEN_LIFETIME = '12h';

export interface LocalIssuer {
  issuer: string;
  sign(claims: Record<string, string>): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
}

export async function localIssuer(dataDir: string, issuer: string): Promise<LocalIssuer> {
  const dir = join(dataDir, 'keys');
  const file = join(dir, 'dev-token-signing-key.jwk.json');
  let privateJwk: JWK;
  if (existsSync(file)) {
    privateJwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'ES256' };
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'ES256');
  const publicKey = await importJWK(publicJwk, 'ES256');
  return {
    issuer,
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid ?? 'local' })
        .setIssuer(issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(privateKey),
    verify: async (token) =>
      (await jwtVerify(token, publicKey, { issuer, audience: LOCAL_AUDIENCE, algorithms: ['ES256'] }))
        .payload,
  };
}
