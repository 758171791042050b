/**
 * The public side of the e-license: a license (its current version, or a given one), its PDF, the
 * registry's keys and its status lists. Nothing here is personal: a license is a public document.
 */
import { NotFoundError } from '#domain/errors';
import { licenseCredentialUrl } from '#domain/license/credential';
import type { LicenseRecord } from '#ports/licenses';
import type { Ports } from '#ports/ports';
import { freshStatusList } from './status-lists.ts';

async function licenseOf(ports: Pick<Ports, 'licenses'>, creditCode: string, version?: number) {
  const record =
    version === undefined
      ? await ports.licenses.current(creditCode)
      : await ports.licenses.get(creditCode, version);
  if (!record) throw new NotFoundError('license');
  return record;
}

/** What GET /v1/licenses/{creditCode} answers. */
export function licenseView(ports: Pick<Ports, 'licensing'>, l: LicenseRecord) {
  const url = licenseCredentialUrl(ports.licensing.baseUrl, l.creditCode);
  return {
    creditCode: l.creditCode,
    version: l.version,
    status: l.status,
    credential: l.credential,
    kid: l.kid,
    issuedAt: l.issuedAt,
    ...(l.revokedAt ? { revokedAt: l.revokedAt } : {}),
    pdf: { url: `${url}/pdf`, sha256: l.pdf.sha256, size: l.pdf.size },
    statusList: { id: l.statusListId, index: l.statusIndex },
  };
}

export async function getLicense(
  ports: Pick<Ports, 'licenses' | 'licensing'>,
  creditCode: string,
  version?: number,
) {
  return licenseView(ports, await licenseOf(ports, creditCode, version));
}

export async function getLicensePdf(
  ports: Pick<Ports, 'licenses' | 'licenseDocuments'>,
  creditCode: string,
  version?: number,
): Promise<{ bytes: Uint8Array; sha256: string; version: number }> {
  const record = await licenseOf(ports, creditCode, version);
  const bytes = await ports.licenseDocuments.get(creditCode, record.version);
  if (!bytes) throw new Error(`the PDF of license ${creditCode} v${record.version} is missing`);
  return { bytes, sha256: record.pdf.sha256, version: record.version };
}

export function jwks(ports: Pick<Ports, 'keyring'>) {
  return ports.keyring.jwks();
}

/** The list as published, signed again first when past half its life (status-lists.ts). */
export async function getStatusList(
  ports: Pick<Ports, 'licenses' | 'keyring' | 'licensing' | 'clock'>,
  listId: string,
) {
  const list = await freshStatusList(ports, listId);
  return {
    id: list.credential.id,
    credential: list.jws,
    updatedAt: list.updatedAt,
    ...(list.credential.validUntil ? { validUntil: list.credential.validUntil } : {}),
  };
}
