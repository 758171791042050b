/**
 * The item families (functions/contract/item-families.ts) against the keys the adapters build: every key
 * builder makes keys of exactly one family, no family's pattern takes another's keys, and every partition
 * key an adapter spells by hand belongs to a family. Were a new item kind added without its family, no
 * function could be granted it, and this says so before a deployment refuses it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryKeys } from '#adapters/dynamo-name-index';
import { keys } from '#adapters/keys';
import {
  INDEX_FAMILIES,
  type IndexFamily,
  idempotencyPattern,
  indexFamilyOf,
  matchesPattern,
  TABLE_FAMILIES,
  type TableFamily,
  tableFamilyOf,
} from '#contract/item-families';
import { ROUTES } from '#contract/routes';
import { REPO_ROOT } from '#contract/workflows';
import { ownerPartition } from '#domain/caller';
import { requestKeyOf } from '#http/idempotency';

/** Every builder of keys.ts, with the family its keys belong to: a new builder fails until it is listed. */
const BUILDERS: Record<keyof typeof keys, TableFamily | IndexFamily> = {
  reservation: 'reservation',
  nameLock: 'nameLock',
  registration: 'registration',
  codeSequence: 'creditCodeSequence',
  code: 'creditCode',
  enterprise: 'enterprise',
  outbox: 'outbox',
  licenseRequest: 'licenseRequest',
  licensePartition: 'license',
  license: 'license',
  licenseClaim: 'license',
  statusSequence: 'statusSequence',
  statusList: 'statusList',
  notice: 'notice',
  humanTask: 'humanTask',
  bankIntake: 'bankIntake',
  material: 'material',
  pendingStarts: 'pendingStart',
  pendingStart: 'pendingStart',
  inboxPartition: 'inbox',
  inbox: 'inbox',
  inboxHead: 'inboxHead',
  pushPair: 'pushPair',
  delivery: 'delivery',
  webhook: 'webhook',
  pushCounts: 'pushCount',
  unacknowledged: 'unacknowledged',
  relayCheckpoint: 'relayCheckpoint',
  deregistration: 'deregistration',
  announcements: 'announcements',
  registryListPartition: 'registryListEntry',
  registryListEntry: 'registryListEntry',
  registryListIndex: 'registryList',
  execution: 'execution',
  executionsOf: 'workflowExecutions',
  executionsIn: 'executionsByStatus',
  executionSubject: 'executionSubject',
  executionSubjectPartition: 'executionSubject',
  executionCountShard: 'executionCount',
  executionCounts: 'executionCount',
  executionDay: 'executionHour',
  executionHour: 'executionHour',
  issuance: 'issuance',
};

/** The partition key a builder makes, from arguments of every shape the builders take. */
function partitionOf(builder: unknown): string {
  const lock = { scope: '440300', tradeKey: 'qingyun', industryClass: null };
  const value =
    typeof builder === 'function'
      ? (builder as (...a: unknown[]) => unknown)(
          builder === keys.nameLock ? lock : 'x1',
          builder === keys.executionHour ? '2026-03-16T10' : 'y2',
          'z3',
        )
      : builder;
  return typeof value === 'string' ? value : (value as { pk: string }).pk;
}

const isTable = (f: string): f is TableFamily => f in TABLE_FAMILIES;

describe('the item families', () => {
  it("hold every key that keys.ts builds, each in the builder's family and no other", () => {
    expect(Object.keys(keys).sort()).toEqual(Object.keys(BUILDERS).sort());
    for (const [name, family] of Object.entries(BUILDERS)) {
      const pk = partitionOf(keys[name as keyof typeof keys]);
      if (isTable(family)) expect(tableFamilyOf(pk), `${name} → ${pk}`).toBe(family);
      else expect(indexFamilyOf(INDEX_FAMILIES[family].index, pk), `${name} → ${pk}`).toBe(family);
      const others = (Object.keys(TABLE_FAMILIES) as TableFamily[]).filter(
        (f) => f !== family && matchesPattern(TABLE_FAMILIES[f], pk),
      );
      if (isTable(family)) expect(others, `${name} → ${pk}`).toEqual([]);
    }
  });

  it('hold the keys the adapters build themselves: name index entries and owner partitions', () => {
    expect(tableFamilyOf(entryKeys('*', { pairs: ['xing-he'] })[0]!.pk)).toBe('nameIndex');
    for (const owner of [{ ownerSub: 'alice' }, { ownerSub: 'alice', ownerIdHash: 'h1' }])
      expect(indexFamilyOf('byOwner', ownerPartition(owner))).toBe('ownerListing');
  });

  it('never overlap: a key made for one family matches no other pattern on the same table or index', () => {
    const sample = (p: string) => p.replaceAll('*', 'k1');
    for (const [f, p] of Object.entries(TABLE_FAMILIES))
      for (const [g, q] of Object.entries(TABLE_FAMILIES))
        if (f !== g) expect(matchesPattern(q, sample(p)), `${f} in ${g}`).toBe(false);
    for (const [f, a] of Object.entries(INDEX_FAMILIES))
      for (const [g, b] of Object.entries(INDEX_FAMILIES))
        if (f !== g && a.index === b.index)
          for (const p of a.partitions)
            expect(
              b.partitions.some((q) => matchesPattern(q, sample(p))),
              `${f} in ${g}`,
            ).toBe(false);
  });

  it('name every partition an adapter spells by hand (pk, gsi1pk, gsi2pk, a queried partition)', () => {
    const dir = join(REPO_ROOT, 'functions/adapters');
    const spelled = readdirSync(dir)
      .filter((f) => /^(dynamo-.*|owner-listing)\.ts$/.test(f))
      .flatMap((f) => {
        const source = readFileSync(join(dir, f), 'utf8');
        const heads = [
          ...source.matchAll(/\b(?:pk|gsi[12]pk): `([A-Z_]+#)/g),
          ...source.matchAll(/':(?:pk|p|q|b|open|gsi[12]pk)': [`']([A-Z_]+#?)/g),
          ...source.matchAll(/const [A-Z_]+ = '([A-Z_]+)';/g),
        ].map((m) => m[1]!);
        return heads.map((head) => ({ file: f, head }));
      });
    expect(spelled.length).toBeGreaterThan(10);
    const patterns = [
      ...Object.values(TABLE_FAMILIES),
      ...Object.values(INDEX_FAMILIES).flatMap((f) => f.partitions),
    ];
    for (const { file, head } of spelled)
      expect(
        patterns.some((p) => p === head || p.startsWith(head)),
        `${file}: ${head}`,
      ).toBe(true);
  });

  it("keep an idempotent route to its own records: the HTTP stack's keys match its pattern and no other route's", () => {
    const idempotent = ROUTES.filter((r) => r.idempotent);
    expect(idempotent.length).toBeGreaterThan(0);
    const caller = { role: 'applicant', sub: 'alice' } as never;
    for (const route of idempotent) {
      const pk = `IDEMPOTENCY#${requestKeyOf(route, caller, { 'idempotency-key': 'key-000001' })}`;
      expect(tableFamilyOf(pk)).toBe('idempotency');
      for (const other of idempotent)
        expect(matchesPattern(idempotencyPattern(other.id), pk), `${route.id} as ${other.id}`).toBe(
          other.id === route.id,
        );
    }
  });
});
