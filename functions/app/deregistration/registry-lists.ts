/**
 * The registry's lists that simple deregistration reads (经营异常名录, 严重违法失信名单, frozen equity …),
 * kept by examiners: each entry names the enterprise, the reason, who added it and when. An examiner
 * keeps the entries of enterprises registered at their own authority.
 */
import type { Caller } from '#domain/caller';
import { isRegistryList, type RegistryList } from '#domain/deregistration/rules';
import { NotFoundError } from '#domain/errors';
import type { Ports } from '#ports/ports';

type Deps = Pick<Ports, 'registryLists' | 'enterprises' | 'clock'>;

function listOf(list: string): RegistryList {
  if (!isRegistryList(list)) throw new NotFoundError('registry list');
  return list;
}

/** The enterprise, when the examiner's authority registered it; 404 otherwise. */
async function ownEnterprise(ports: Pick<Deps, 'enterprises'>, caller: Caller, creditCode: string) {
  const enterprise = await ports.enterprises.get(creditCode);
  if (!enterprise || enterprise.registrationAuthority !== caller.authority)
    throw new NotFoundError('enterprise');
  return enterprise;
}

export function listRegistryEntries(
  ports: Pick<Deps, 'registryLists'>,
  caller: Caller,
  list: string,
  cursor: string | undefined,
  limit: number,
) {
  return ports.registryLists.list(listOf(list), caller.authority ?? '', cursor, limit);
}

export async function addRegistryEntry(
  ports: Deps,
  caller: Caller,
  list: string,
  creditCode: string,
  reason: string,
) {
  const id = listOf(list);
  const enterprise = await ownEnterprise(ports, caller, creditCode);
  const entry = {
    list: id,
    creditCode,
    reason,
    addedBy: caller.sub,
    addedAt: ports.clock.now().toISOString(),
    authority: enterprise.registrationAuthority,
  };
  await ports.registryLists.put(entry);
  return entry;
}

export async function removeRegistryEntry(ports: Deps, caller: Caller, list: string, creditCode: string) {
  const id = listOf(list);
  await ownEnterprise(ports, caller, creditCode);
  if (!(await ports.registryLists.remove(id, creditCode))) throw new NotFoundError('registry list entry');
}
