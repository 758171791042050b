/**
 * Offline verification of an e-license: needs only the credential, the registry's JWKS and its status
 * list, no network. The API's POST /v1/licenses/verify and bin/verify-license.ts both call this.
 *
 * A bad credential never throws: the verdict names each check that failed. Only input that is not a
 * JWS-shaped string at all throws (NotAJwsError, a 400 to the API).
 */
import { type LicenseCredential, licenseCredentialSchema } from '#domain/license/credential';
import { type Check, failed, PASSED } from './checks.ts';
import { assertJwsShape, type JwkSetLike, verifySignedContent } from './jws.ts';
import { checkStatus, type StatusListInput } from './status.ts';

export interface VerifyOptions {
  jwks: JwkSetLike;
  /** The signed status-list JWS as downloaded, or its credential decoded from a trusted store. */
  statusList: StatusListInput;
  now: Date;
  /** When given, the credential's issuer must be exactly this (the registry's base URL). */
  issuer?: string;
}

export interface LicenseVerdict {
  valid: boolean;
  /**
   * `revoked` in plain words when the registry revoked it; `unknown` when the credential could not be
   * trusted far enough to look its status up (a forged license has no status to report).
   */
  status: 'active' | 'revoked' | 'unknown';
  checks: { integrity: Check; issuer: Check; validity: Check; status: Check };
  credential?: LicenseCredential;
}

const skipped = (why: string): Check => failed('not-checked', `not checked: ${why}`);

function validityCheck(credential: LicenseCredential, now: Date): Check {
  if (Date.parse(credential.validFrom) > now.getTime())
    return failed('not-yet-valid', `the license is valid from ${credential.validFrom}`);
  if (credential.validUntil && Date.parse(credential.validUntil) <= now.getTime())
    return failed('expired', `the license expired at ${credential.validUntil}`);
  return PASSED;
}

function contentCheck(payload: unknown): { check: Check; credential?: LicenseCredential } {
  const parsed = licenseCredentialSchema.safeParse(payload);
  if (parsed.success) return { check: PASSED, credential: parsed.data };
  const first = parsed.error.issues[0];
  const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid';
  return { check: failed('bad-content', `not a business license credential (${where})`) };
}

export async function verifyLicense(credentialJws: unknown, options: VerifyOptions): Promise<LicenseVerdict> {
  assertJwsShape(credentialJws);
  const signed = await verifySignedContent(credentialJws, options.jwks);
  let issuer = signed.issuer;
  let integrity = signed.integrity;
  let credential: LicenseCredential | undefined;
  if (integrity.ok) ({ check: integrity, credential } = contentCheck(signed.payload));
  if (credential && options.issuer !== undefined && credential.issuer !== options.issuer)
    issuer = failed('wrong-issuer', `issued by ${credential.issuer}, not ${options.issuer}`);
  if (!credential || !issuer.ok) {
    const why = 'the license itself did not verify';
    const checks = { integrity, issuer, validity: skipped(why), status: skipped(why) };
    return { valid: false, status: 'unknown', checks };
  }
  const validity = validityCheck(credential, options.now);
  const outcome = await checkStatus(
    credential.credentialStatus,
    credential.issuer,
    options.statusList,
    options,
  );
  const checks = { integrity, issuer, validity, status: outcome.check };
  const valid = Object.values(checks).every((c) => c.ok);
  return { valid, status: outcome.status, checks, credential };
}
