/**
 * Reading and checking one compact JWS the registry signed (a license or a status list): the header
 * rules, the key lookup by kid, and the signature, through jose's compactVerify. jwtVerify is no use
 * here: it refuses VC 2.0, whose dates are strings in the credential, not JWT claims.
 */
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { ValidationError } from '#domain/errors';
import { type Check, failed, PASSED } from './checks.ts';

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** A license is about 2 KB; anything far larger is not one, and is not worth decoding. */
const MAX_LENGTH = 64 * 1024;

/** The input is not a compact JWS at all: a request error (400), not a verdict. */
export class NotAJwsError extends ValidationError {
  constructor() {
    super('the credential must be a compact JWS string (header.payload.signature)', [
      { path: 'body.credential', message: 'not a compact JWS' },
    ]);
  }
}

export function assertJwsShape(input: unknown): asserts input is string {
  if (typeof input !== 'string' || input.length > MAX_LENGTH || !COMPACT_JWS.test(input))
    throw new NotAJwsError();
}

export interface JwkSetLike {
  keys: readonly JWK[];
}

export interface SignedContent {
  issuer: Check;
  integrity: Check;
  /** The decoded payload, present only when the signature verified. */
  payload?: unknown;
}

/** Which published key the header names; a kid we do not publish means another issuer, or a forgery. */
function findKey(header: Record<string, unknown>, jwks: JwkSetLike): JWK | undefined {
  const kid = header.kid;
  if (typeof kid !== 'string') return undefined;
  return jwks.keys.find((k) => k.kid === kid && k.kty === 'EC' && k.crv === 'P-256');
}

function headerCheck(header: Record<string, unknown>): Check {
  if (header.alg !== 'ES256')
    return failed('bad-algorithm', `algorithm ${String(header.alg)} is refused: only ES256 is accepted`);
  if (header.typ !== 'vc+jwt') return failed('bad-header', `typ must be vc+jwt, not ${String(header.typ)}`);
  if (header.cty !== undefined && header.cty !== 'vc') return failed('bad-header', 'cty must be vc');
  if (header.crit !== undefined) return failed('bad-header', 'no critical header extensions are understood');
  return PASSED;
}

function readHeader(jws: string): Record<string, unknown> | undefined {
  try {
    return decodeProtectedHeader(jws) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const notChecked = (why: string): Check => failed('not-checked', `not checked: ${why}`);

/** Checks the header, finds the key and verifies the signature; never throws on a bad JWS. */
export async function verifySignedContent(jws: string, jwks: JwkSetLike): Promise<SignedContent> {
  const header = readHeader(jws);
  if (!header)
    return {
      issuer: notChecked('the header naming the key is unreadable'),
      integrity: failed('bad-header', 'the protected header is not JSON'),
    };
  const jwk = findKey(header, jwks);
  const issuer = jwk
    ? PASSED
    : failed('unknown-key', `kid ${JSON.stringify(header.kid)} is not a key the registry publishes`);
  const rules = headerCheck(header);
  if (!rules.ok) return { issuer, integrity: rules };
  if (!jwk) return { issuer, integrity: notChecked('no published key to check the signature with') };
  try {
    const key = await importJWK(jwk, 'ES256');
    const { payload } = await compactVerify(jws, key, { algorithms: ['ES256'] });
    return { issuer, integrity: PASSED, payload: JSON.parse(new TextDecoder().decode(payload)) };
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'the payload is not JSON' : 'the signature does not match';
    return {
      issuer,
      integrity: failed(error instanceof SyntaxError ? 'bad-content' : 'bad-signature', reason),
    };
  }
}
