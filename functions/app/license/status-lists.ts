/**
 * The registry's status lists as signed credentials: publishing an empty list before its first license,
 * and the signed new state of a list with one more bit set (a revocation). Signed with the keyring's
 * current key, like the licenses, so a verifier needs only the one JWKS.
 */

import { statusListUrl } from '#domain/license/credential';
import { signVcJwt } from '#domain/license/jws';
import {
  buildStatusListCredential,
  emptyStatusList,
  getStatusBit,
  setStatusBit,
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
