/**
 * The license after a change of registered details (a corrected name): the license-reissue workflow's
 * one task. It reissues while the current version states a name that is no longer the enterprise's, and
 * only then, so a repeated task, a second start or a change that the first issuance already carried
 * (issued after it) makes no version; a license revoked meanwhile (deregistered) is not reissued.
 */
import { type IssueDeps, type IssuedLicense, reissueLicense } from './issue.ts';
import { enterpriseOf } from './revoke.ts';

/** The first license is not issued yet: a retry of the task finds it (the registration issues it at once). */
export class LicenseNotYetIssued extends Error {
  override name = 'LicenseNotYetIssued';
}

export type ReissueOutcome = IssuedLicense | { creditCode: string; version: number; skipped: 'revoked' };

/** The name a stored license states: read from its own credential, which the registry signed. */
function licensedName(credential: string): string | undefined {
  const payload = JSON.parse(Buffer.from(credential.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    credentialSubject?: { name?: unknown };
  };
  const name = payload.credentialSubject?.name;
  return typeof name === 'string' ? name : undefined;
}

export async function reissueForChange(
  ports: IssueDeps,
  creditCode: string,
  reason: string,
): Promise<ReissueOutcome> {
  const enterprise = await enterpriseOf(ports, creditCode);
  const current = await ports.licenses.current(creditCode);
  if (!current) throw new LicenseNotYetIssued(`the license of ${creditCode} is not issued yet`);
  if (current.status === 'revoked') return { creditCode, version: current.version, skipped: 'revoked' };
  if (licensedName(current.credential) === enterprise.name)
    return {
      creditCode,
      version: current.version,
      statusListId: current.statusListId,
      statusIndex: current.statusIndex,
      created: false,
    };
  // Naming the version replaced makes concurrent twins of this task converge on one new version.
  return reissueLicense(ports, creditCode, reason, { replacing: current.version });
}
