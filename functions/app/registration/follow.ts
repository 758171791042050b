/** Following a registration: the owner's list, one case to whoever may see it, and what they see. */
import type { Caller } from '#domain/caller';
import { NotFoundError } from '#domain/errors';
import { licenseCredentialUrl } from '#domain/license/credential';
import { maySeeRegistration } from '#domain/registration/access';
import type { RegistrationRecord } from '#domain/registration/record';
import type { LicensingConfig } from '#ports/licenses';
import type { Page } from '#ports/page';
import type { Ports } from '#ports/ports';

/** The case, if the caller may see it (or `may` act on it); anyone else gets 404, never 403. */
export async function visibleRegistration(
  ports: Pick<Ports, 'registrations'>,
  caller: Caller,
  id: string,
  may: (caller: Caller, r: RegistrationRecord) => boolean = maySeeRegistration,
): Promise<RegistrationRecord> {
  const record = await ports.registrations.get(id);
  if (!record || !may(caller, record)) throw new NotFoundError('registration');
  return record;
}

export function listRegistrations(
  ports: Pick<Ports, 'registrations'>,
  caller: Caller,
  cursor: string | undefined,
  limit: number,
): Promise<Page<RegistrationRecord>> {
  return ports.registrations.listOwned(
    { sub: caller.sub, ...(caller.idHash ? { idHash: caller.idHash } : {}) },
    cursor,
    limit,
  );
}

/** A registration as stored: the license issuance adds the version of the license it shows. */
type Followed = RegistrationRecord & { licenseVersion?: number };

/**
 * What an owner, a clerk, an examiner or an operator sees: no identity number, no sealed data. The
 * license's URL appears once the license exists (the issuance sets `licenseVersion`), not at `registered`;
 * it is absolute, on the registry's licensing base URL, as every link a license carries is (its QR code,
 * its credential's id, its PDF's URL), so a client follows it as given.
 */
export function registrationView(r: Followed, licensing: Pick<LicensingConfig, 'baseUrl'>) {
  return {
    id: r.id,
    status: r.status,
    channel: r.channel,
    name: r.name,
    entityType: r.entityType,
    reservationId: r.reservationId,
    timeline: r.timeline,
    ...(r.reasons?.length ? { reasons: r.reasons } : {}),
    ...(r.decision ? { decision: r.decision } : {}),
    ...(r.creditCode && r.status === 'registered' ? { creditCode: r.creditCode } : {}),
    ...(r.creditCode && r.status === 'registered' && r.licenseVersion
      ? {
          licenseUrl: licenseCredentialUrl(licensing.baseUrl, r.creditCode),
          licenseVersion: r.licenseVersion,
        }
      : {}),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
