/**
 * Loads the reference data that lives in the store (existing enterprises' names) at every start.
 * Idempotent: a name already held by the same enterprise is left as it is. Rule data (word lists,
 * divisions) is read from seeds/ by the domain directly and needs no loading.
 */

import { isRegistryList } from '#domain/deregistration/rules';
import { loadDivisions } from '#domain/names/divisions';
import { indexEntriesOf, memberOf } from '#domain/names/index-entries';
import { loadNamingCatalog } from '#domain/names/parse';
import { checkNameRules } from '#domain/names/rules';
import type { Ports } from '#ports/ports';
import lists from '#seeds/deregistration/registry-lists.json' with { type: 'json' };
import sample from '#seeds/enterprises/sample.json' with { type: 'json' };

export interface SeedReport {
  enterprises: number;
  added: number;
}

export async function seedEnterprises(
  ports: Pick<Ports, 'reservations' | 'nameIndex' | 'enterprises' | 'registryLists'>,
): Promise<SeedReport> {
  const { reservations: store, nameIndex: index, enterprises } = ports;
  const deps = { catalog: loadNamingCatalog(), divisions: loadDivisions() };
  let added = 0;
  for (const e of sample.enterprises) {
    const { key, parts } = checkNameRules(e.name, e.division, deps);
    const held = await store.holdForEnterprise(key, {
      ...e,
      tradeName: parts.tradeName,
      industry: parts.industry,
    });
    await index.add(
      key.scope,
      memberOf(e.creditCode, e.name, parts, 'registered', { creditCode: e.creditCode }),
      indexEntriesOf(parts),
    );
    await enterprises.seed({
      creditCode: e.creditCode,
      name: e.name,
      entityType: e.entityType,
      status: 'active',
      establishedOn: e.establishedOn,
      registrationAuthority: e.division,
      registrationId: `seed:${sample.version}`,
      ownerSub: 'seed',
      eventSeq: 0,
    });
    if (held === 'held') added++;
  }
  // The registry's lists that simple deregistration reads: sample entries, each at its enterprise's authority.
  const authorityOf = new Map(sample.enterprises.map((e) => [e.creditCode, e.division]));
  for (const entry of lists.entries) {
    const authority = authorityOf.get(entry.creditCode);
    if (!authority || !isRegistryList(entry.list))
      throw new Error(`seeds: a registry list entry names ${entry.creditCode}`);
    await ports.registryLists.put({ ...entry, list: entry.list, authority });
  }
  return { enterprises: sample.enterprises.length, added };
}
