/**
 * Revoking a license: its bit set in its status list, the list signed again and published, the record
 * marked revoked and `license.revoked` written to the outbox, in one write. The one entry the
 * deregistration workflow calls; a reissue revokes the version it replaces through the same plan.
 */
import type { EnterpriseRecord } from '#domain/enterprise';
import { NotFoundError } from '#domain/errors';
import { licenseRevokedEvent } from '#domain/license/notice';
import type { LicenseRecord, Revocation } from '#ports/licenses';
import type { Ports } from '#ports/ports';
import { withBitSet } from './status-lists.ts';

type Deps = Pick<Ports, 'licenses' | 'enterprises' | 'keyring' | 'licensing' | 'clock'>;

/** A write kept losing to concurrent ones (another event, another revocation in the same list). */
export class LicenseWriteConflict extends Error {
  override name = 'TransientStorageError';
}

export const MAX_ATTEMPTS = 5;

/** The revocation of `license` as the event at `seq`, over the list as it stands now. */
export async function revocationOf(
  ports: Deps,
  license: LicenseRecord,
  reason: string,
  seq: number,
  at: Date,
): Promise<Revocation> {
  const list = await ports.licenses.statusList(license.statusListId);
  if (!list) throw new Error(`status list ${license.statusListId} of a license does not exist`);
  return {
    creditCode: license.creditCode,
    version: license.version,
    reason,
    at: at.toISOString(),
    statusList: await withBitSet(ports, list, license.statusIndex, at),
    event: licenseRevokedEvent({ ...license, seq, at, reason }),
  };
}

export async function enterpriseOf(ports: Pick<Ports, 'enterprises'>, creditCode: string) {
  const enterprise: EnterpriseRecord | undefined = await ports.enterprises.get(creditCode);
  if (!enterprise) throw new NotFoundError('enterprise');
  return enterprise;
}

export interface RevokeResult {
  creditCode: string;
  version: number;
  status: 'revoked';
  /** False when the license was revoked already (a repeated call). */
  revoked: boolean;
}

/** Revokes the enterprise's current license (deregistration); idempotent. */
export async function revokeLicense(ports: Deps, creditCode: string, reason: string): Promise<RevokeResult> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const license = await ports.licenses.current(creditCode);
    if (!license) throw new NotFoundError('license');
    const done = { creditCode, version: license.version, status: 'revoked' as const };
    if (license.status === 'revoked') return { ...done, revoked: false };
    const enterprise = await enterpriseOf(ports, creditCode);
    const revocation = await revocationOf(ports, license, reason, enterprise.eventSeq + 1, ports.clock.now());
    const outcome = await ports.licenses.revoke({ ...revocation, expectedEventSeq: enterprise.eventSeq });
    if (outcome !== 'conflict') return { ...done, revoked: outcome === 'created' };
  }
  throw new LicenseWriteConflict(`revoking the license of ${creditCode} kept conflicting`);
}
