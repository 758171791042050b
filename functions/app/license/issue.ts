/**
 * Issuing a license version: the fields from the registration and the enterprise, the credential signed,
 * the PDF rendered and stored, a status slot claimed, then the record with `license.issued` in the
 * outbox, the registration's `licenseVersion` and the applicant's notice in one write. Retry-safe: the
 * claim fixes the version's slot and issue instant, so a repeat renders the same PDF, takes no second
 * slot, and finds the record written (one license, one index, one event).
 */
import type { EnterpriseRecord } from '#domain/enterprise';
import type { EntityType } from '#domain/entity-types';
import { ConflictError, NotFoundError } from '#domain/errors';
import { buildLicenseCredential, licenseCredentialUrl, nextLicenseVersion } from '#domain/license/credential';
import type { LicenseFields } from '#domain/license/fields';
import { licenseFieldsFrom, licenseValidUntil } from '#domain/license/from-registration';
import { signVcJwt } from '#domain/license/jws';
import { authorityName, licenseIssuedEvent, licenseIssuedNotice } from '#domain/license/notice';
import { loadDivisions } from '#domain/names/divisions';
import { scopeItem } from '#domain/registration/catalogue';
import type { RegistrationRecord } from '#domain/registration/record';
import type { Money } from '#domain/registration/types';
import type { LicenseRecord } from '#ports/licenses';
import type { Ports } from '#ports/ports';
import { loadRegistration } from '../registration/load.ts';
import { enterpriseOf, LicenseWriteConflict, MAX_ATTEMPTS, revocationOf } from './revoke.ts';
import { ensureStatusList } from './status-lists.ts';

export type IssueDeps = Pick<
  Ports,
  | 'registrations'
  | 'enterprises'
  | 'licenses'
  | 'licenseDocuments'
  | 'licensePdf'
  | 'keyring'
  | 'licensing'
  | 'clock'
>;

/** Not a fault a retry cures: the workflow records it for an operator. */
export class LicenseNotIssuable extends Error {
  override name = 'LicenseNotIssuable';
}

export interface IssuedLicense {
  creditCode: string;
  version: number;
  statusListId: string;
  statusIndex: number;
  /** False when this version existed already (a repeated task). */
  created: boolean;
}

const summaryOf = (l: LicenseRecord, created: boolean): IssuedLicense => ({
  creditCode: l.creditCode,
  version: l.version,
  statusListId: l.statusListId,
  statusIndex: l.statusIndex,
  created,
});

/** What the license states, from the registration as registered and the enterprise as it is now. */
export function fieldsOf(registration: RegistrationRecord, enterprise: EnterpriseRecord, issuedAt: Date) {
  const summary = registration.summary as {
    domicile?: { address?: string };
    legalRepresentative?: { name?: string };
    registeredCapital?: Money;
    businessScope?: string[];
  };
  const divisions = loadDivisions();
  return licenseFieldsFrom(
    {
      name: enterprise.name,
      creditCode: enterprise.creditCode,
      entityType: enterprise.entityType as EntityType,
      domicile: { address: summary.domicile?.address ?? '' },
      legalRepresentative: { name: summary.legalRepresentative?.name ?? '' },
      ...(summary.registeredCapital ? { registeredCapital: summary.registeredCapital } : {}),
      businessScope: summary.businessScope ?? [],
      // Noon in Beijing of the establishment date: the date the license prints, whatever the offset.
      registeredAt: new Date(`${enterprise.establishedOn}T12:00:00+08:00`),
    },
    {
      scopeName: (code) => scopeItem(code)?.name,
      authorityName: authorityName(enterprise.registrationAuthority, (c) => divisions.get(c)),
      issuedAt,
    },
  );
}

/** The link a printed license's QR code carries: the registry's current record of that credit code. */
export const verificationUrl = (ports: Pick<Ports, 'licensing'>, creditCode: string) =>
  licenseCredentialUrl(ports.licensing.baseUrl, creditCode);

interface VersionPlan {
  registration: RegistrationRecord;
  version: number;
  reason: string;
  /** The version this one replaces (a reissue): revoked by the same write. */
  replaces?: LicenseRecord;
  /** Set on the registration on first issue. */
  showOnRegistration: boolean;
}

async function issueVersion(ports: IssueDeps, plan: VersionPlan): Promise<IssuedLicense> {
  const { registration, version } = plan;
  const creditCode = registration.creditCode!;
  let enterprise = await enterpriseOf(ports, creditCode);
  const claim = await ports.licenses.claimIssuance(creditCode, version, ports.clock.now());
  const issuedAt = new Date(claim.issuedAt);
  await ensureStatusList(ports, claim.statusListId, issuedAt);
  let fields: LicenseFields;
  try {
    fields = fieldsOf(registration, enterprise, issuedAt);
  } catch (error) {
    throw new LicenseNotIssuable(`license fields of ${creditCode}: ${(error as Error).message}`);
  }
  const base = ports.licensing.baseUrl;
  const credential = buildLicenseCredential({
    fields,
    version,
    statusIndex: claim.statusIndex,
    statusListId: claim.statusListId,
    baseUrl: base,
    validFrom: issuedAt,
    ...(licenseValidUntil(fields) ? { validUntil: licenseValidUntil(fields)! } : {}),
  });
  const signer = await ports.keyring.current();
  const jws = await signVcJwt(signer, credential);
  const url = verificationUrl(ports, creditCode);
  const pdf = await ports.licenseDocuments.put(
    creditCode,
    version,
    await ports.licensePdf.render(fields, { verificationUrl: url }),
  );
  const license: LicenseRecord = {
    creditCode,
    version,
    registrationId: registration.id,
    credential: jws,
    kid: signer.kid,
    statusListId: claim.statusListId,
    statusIndex: claim.statusIndex,
    status: 'active',
    issuedAt: claim.issuedAt,
    pdf,
    reason: plan.reason,
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = ports.clock.now();
    const seq = enterprise.eventSeq + 1;
    const supersedes = plan.replaces
      ? await revocationOf(ports, plan.replaces, `reissued: ${plan.reason}`, seq, now)
      : undefined;
    const outcome = await ports.licenses.issue({
      license,
      event: licenseIssuedEvent({ ...license, seq: supersedes ? seq + 1 : seq, at: now }),
      expectedEventSeq: enterprise.eventSeq,
      ...(plan.showOnRegistration ? { registrationId: registration.id } : {}),
      notice: licenseIssuedNotice(
        { registrationId: registration.id, name: enterprise.name, ...owner(enterprise) },
        { creditCode, version, url },
        now,
      ),
      ...(supersedes ? { supersedes } : {}),
    });
    if (outcome === 'created') return summaryOf(license, true);
    if (outcome === 'already') {
      const stored = await ports.licenses.get(creditCode, version);
      return summaryOf(stored ?? license, false);
    }
    enterprise = await enterpriseOf(ports, creditCode);
  }
  throw new LicenseWriteConflict(`issuing license ${creditCode} v${version} kept conflicting`);
}

const owner = (e: EnterpriseRecord) => ({
  ownerSub: e.ownerSub,
  ...(e.ownerIdHash ? { ownerIdHash: e.ownerIdHash } : {}),
});

/**
 * The first license of a registered enterprise: the workflow's step after RegisterEnterprise. A repeat
 * (the task retried, the execution started again) answers with the license already issued.
 */
export async function issueLicense(
  ports: IssueDeps,
  registrationId: string,
  creditCode: string,
): Promise<IssuedLicense> {
  const existing = await ports.licenses.current(creditCode);
  if (existing) return summaryOf(existing, false);
  const registration = await loadRegistration(ports, registrationId);
  if (registration.creditCode !== creditCode || registration.status !== 'registered')
    throw new LicenseNotIssuable(
      `registration ${registrationId} is ${registration.status}${registration.creditCode === creditCode ? '' : ' with another credit code'}: no license to issue`,
    );
  return issueVersion(ports, { registration, version: 1, reason: 'registered', showOnRegistration: true });
}

/**
 * A new version after a name correction (or a change of registered details): the current version is
 * revoked by the same write. Each call makes a version; a caller that may repeat (a retried step) names
 * the version it replaces in `replacing`, and a repeat then answers with the version already made.
 */
export async function reissueLicense(
  ports: IssueDeps,
  creditCode: string,
  reason: string,
  options: { replacing?: number } = {},
): Promise<IssuedLicense> {
  const current = await ports.licenses.current(creditCode);
  if (!current) throw new NotFoundError('license');
  if (options.replacing !== undefined && current.version > options.replacing)
    return summaryOf(current, false);
  if (current.status === 'revoked')
    throw new ConflictError('license-revoked', 'the license is revoked: a revoked license is not reissued');
  const registration = await loadRegistration(ports, current.registrationId);
  return issueVersion(ports, {
    registration,
    version: nextLicenseVersion(current),
    reason,
    replaces: current,
    showOnRegistration: true,
  });
}
