/**
 * Online verification (POST /v1/licenses/verify): the offline verifier, fed the registry's own JWKS
 * and the status list the credential points to, read from the store (so no signature of the list is
 * checked again). The API's `status` is `active` only for a valid license, `revoked` whenever the
 * registry revoked it, and `unknown` otherwise (docs/decisions/0013-e-license.md).
 */
import { statusListUrl } from '#domain/license/credential';
import { buildStatusListCredential, emptyStatusList } from '#domain/license/status-list';
import type { Ports } from '#ports/ports';
import { type LicenseVerdict, verifyLicense } from '../../verifier/index.ts';

export type ApiLicenseStatus = 'active' | 'revoked' | 'unknown';

/** The list id a credential names, read without trusting it: only to pick which list to check against. */
function claimedListId(jws: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      credentialStatus?: { statusListCredential?: unknown };
    };
    const url = payload.credentialStatus?.statusListCredential;
    const match = typeof url === 'string' ? /\/status-lists\/([A-Za-z0-9_-]{1,32})$/.exec(url) : null;
    return match?.[1];
  } catch {
    return undefined;
  }
}

export function apiStatus(verdict: LicenseVerdict): ApiLicenseStatus {
  if (verdict.status === 'revoked') return 'revoked';
  return verdict.valid ? 'active' : 'unknown';
}

export async function verifyCredential(
  ports: Pick<Ports, 'licenses' | 'keyring' | 'licensing' | 'clock'>,
  credential: unknown,
) {
  const base = ports.licensing.baseUrl.replace(/\/+$/, '');
  const [keys, list] = await Promise.all([
    ports.keyring.jwks(),
    typeof credential === 'string' ? listFor(ports, credential) : undefined,
  ]);
  // No such list here: an empty one under another id, so the check says "mismatch", never "active".
  const statusList =
    list ??
    buildStatusListCredential({
      url: statusListUrl(base, 'none'),
      issuer: base,
      bits: emptyStatusList(),
      validFrom: new Date(0),
    });
  const verdict = await verifyLicense(credential, {
    jwks: keys,
    statusList,
    now: ports.clock.now(),
    issuer: base,
  });
  const { credential: _decoded, ...rest } = verdict;
  return { ...rest, status: apiStatus(verdict) };
}

/**
 * The list as the store holds it now. Its validUntil bounds how long a copy held elsewhere vouches for
 * its bits; the store's own is the registry's current state whenever it is read, so it is judged without
 * one (a list not yet signed again since it expired must not make the registry's own answer unknown).
 */
async function listFor(ports: Pick<Ports, 'licenses'>, jws: string) {
  const id = claimedListId(jws);
  const stored = id ? (await ports.licenses.statusList(id))?.credential : undefined;
  if (!stored) return undefined;
  const { validUntil: _copiesOnly, ...current } = stored;
  return current;
}
