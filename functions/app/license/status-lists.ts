/**
 * The registry's status lists as signed credentials: publishing an empty list before its first license,
 * the signed new state of a list with one more bit set (a revocation), and a list signed again before it
 * expires. Signed with the keyring's current key, like the licenses, so a verifier needs only the one JWKS.
 * Each signature vouches for a day (STATUS_LIST_VALIDITY_MS): a copy saved before a revocation stops
 * verifying a day after it was signed (docs/decisions/0013-e-license.md).
 */

import { NotFoundError } from '#domain/errors';
import { statusListUrl } from '#domain/license/credential';
import { signVcJwt } from '#domain/license/jws';
import {
  buildStatusListCredential,
  emptyStatusList,
  getStatusBit,
  setStatusBit,
  statusListNeedsRefresh,
  statusListValidUntil,
} from '#domain/license/status-list';
import type { StatusListRecord, StatusListWrite } from '#ports/licenses';
import type { Ports } from '#ports/ports';

type Deps = Pick<Ports, 'licenses' | 'keyring' | 'licensing'>;

/** The lists known to exist, per store: a list once published is never deleted. */
const published = new WeakMap<object, Set<string>>();

export async function signedStatusList(ports: Deps, listId: string, bits: Uint8Array, at: Date) {
  const base = ports.licensing.baseUrl.replace(/\/+$/, '');
  const credential = buildStatusListCredential({
    url: statusListUrl(base, listId),
    issuer: base,
    bits,
    validFrom: at,
    validUntil: statusListValidUntil(at),
  });
  const jws = await signVcJwt(await ports.keyring.current(), credential);
  return { credential, jws };
}

/** Publishes the list, empty, unless it exists: its first license must find it there. */
export async function ensureStatusList(ports: Deps, listId: string, at: Date): Promise<void> {
  const known = published.get(ports.licenses) ?? new Set<string>();
  published.set(ports.licenses, known);
  if (known.has(listId)) return;
  if (!(await ports.licenses.statusList(listId))) {
    const bits = emptyStatusList();
    const signed = await signedStatusList(ports, listId, bits, at);
    await ports.licenses.createStatusList({ listId, bits, ...signed, updatedAt: at.toISOString() });
  }
  known.add(listId);
}

/** The list's next state with `index` revoked, to be written only over the revision it was read at. */
export async function withBitSet(
  ports: Deps,
  list: StatusListRecord,
  index: number,
  at: Date,
): Promise<StatusListWrite> {
  const bits = getStatusBit(list.bits, index) ? list.bits : setStatusBit(list.bits, index);
  const signed = await signedStatusList(ports, list.listId, bits, at);
  return {
    listId: list.listId,
    bits,
    ...signed,
    expectedRevision: list.revision,
    updatedAt: at.toISOString(),
  };
}

/**
 * The list as it should be served: the stored one while it has more than half its life left, else the
 * same bits signed again and written over the revision read. Concurrent readers each sign, one write
 * wins, the others serve what it (or a revocation meanwhile) wrote: nobody overwrites a newer list.
 */
export async function freshStatusList(
  ports: Deps & Pick<Ports, 'clock'>,
  listId: string,
): Promise<StatusListRecord> {
  const list = await ports.licenses.statusList(listId);
  if (!list) throw new NotFoundError('status list');
  const now = ports.clock.now();
  if (!statusListNeedsRefresh(list.credential, now)) return list;
  const signed = await signedStatusList(ports, listId, list.bits, now);
  const write: StatusListWrite = {
    listId,
    bits: list.bits,
    ...signed,
    expectedRevision: list.revision,
    updatedAt: now.toISOString(),
  };
  if (await ports.licenses.republishStatusList(write))
    return { ...list, ...signed, updatedAt: write.updatedAt, revision: list.revision + 1 };
  return (await ports.licenses.statusList(listId)) ?? list;
}
