import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import {
  ALL_SCOPES,
  INDEX_ENTRY_CAP,
  type IndexMember,
  indexEntriesOf,
  memberOf,
} from '#domain/names/index-entries';
import { lock, reservation } from './fixtures.ts';

const SCOPE = '440300';

function named(
  id: string,
  tradeName: string,
): { member: IndexMember; entries: ReturnType<typeof indexEntriesOf> } {
  const parts = {
    region: null,
    regionDivision: null,
    tradeName,
    industry: '科技',
    industryClass: 'I65',
    organizationForm: null,
  };
  return {
    member: memberOf(id, `深圳市${tradeName}科技有限公司`, parts, 'reserved'),
    entries: indexEntriesOf(parts),
  };
}

describe('MemoryNameIndex', () => {
  it('finds a name by its pairs, in its scope and in the all-scopes entries, once per id', async () => {
    const { nameIndex } = memoryPorts();
    const a = named('a', '星河蓝海');
    await nameIndex.add(SCOPE, a.member, a.entries);
    await nameIndex.add(SCOPE, a.member, a.entries);
    const found = await nameIndex.lookup(lock('I65', 'x'), named('c', '星河').entries);
    expect(found).toEqual({ holders: [], members: [a.member] });
    expect(nameIndex.entry(ALL_SCOPES, 'xing-he')).toEqual([a.member]);
    expect(
      (await nameIndex.lookup({ scope: '110000', tradeKey: 'x', industryClass: null }, a.entries)).members,
    ).toEqual([]);
  });

  it('reads the lock’s holders with the entries', async () => {
    const { nameIndex, reservations } = memoryPorts();
    await reservations.reserve(reservation('r1'));
    const { holders } = await nameIndex.lookup(lock('F51'), { pairs: [] });
    expect(holders).toEqual([expect.objectContaining({ id: 'r1', kind: 'reservation' })]);
  });

  it('caps an entry at INDEX_ENTRY_CAP members', async () => {
    const { nameIndex } = memoryPorts();
    for (let i = 0; i <= INDEX_ENTRY_CAP; i++) {
      const n = named(`m${i}`, '星河');
      await nameIndex.add(SCOPE, n.member, n.entries);
    }
    const entry = nameIndex.entry(SCOPE, 'xing-he');
    expect(entry).toHaveLength(INDEX_ENTRY_CAP);
    expect(entry.map((m) => m.id)).not.toContain(`m${INDEX_ENTRY_CAP}`);
  });

  it('removes a name from both scopes, idempotently', async () => {
    const { nameIndex } = memoryPorts();
    const a = named('a', '星河');
    await nameIndex.add(SCOPE, a.member, a.entries);
    await nameIndex.remove(SCOPE, 'a', a.entries);
    await nameIndex.remove(SCOPE, 'a', a.entries);
    expect(nameIndex.entry(SCOPE, 'xing-he')).toEqual([]);
    expect(await nameIndex.search('星河')).toEqual([]);
  });

  it('puts a registered name in its reservation’s place, even in a full entry, or adds it', async () => {
    const { nameIndex } = memoryPorts();
    for (let i = 0; i < INDEX_ENTRY_CAP; i++) {
      const n = named(`m${i}`, '星河');
      await nameIndex.add(SCOPE, n.member, n.entries);
    }
    const registered = {
      ...named('m0', '星河').member,
      id: 'CODE',
      status: 'registered' as const,
      creditCode: 'CODE',
    };
    await nameIndex.replace(SCOPE, 'm0', registered, named('m0', '星河').entries);
    await nameIndex.replace(SCOPE, 'm0', registered, named('m0', '星河').entries);
    const ids = nameIndex.entry(SCOPE, 'xing-he').map((m) => m.id);
    expect(ids).toHaveLength(INDEX_ENTRY_CAP);
    expect(ids).toContain('CODE');
    expect(ids).not.toContain('m0');
    const other = named('r9', '银河');
    await nameIndex.replace(SCOPE, 'r9', { ...other.member, id: 'CODE2' }, other.entries);
    expect(nameIndex.entry(ALL_SCOPES, 'yin-he').map((m) => m.id)).toEqual(['CODE2']);
  });

  it('searches by text (any script) or pinyin letters across scopes', async () => {
    const { nameIndex } = memoryPorts();
    const a = named('a', '星河蓝海');
    const b = named('b', '银河');
    await nameIndex.add(SCOPE, a.member, a.entries);
    await nameIndex.add('110000', b.member, b.entries);
    expect((await nameIndex.search('蓝海')).map((m) => m.id)).toEqual(['a']);
    expect((await nameIndex.search('藍海')).map((m) => m.id)).toEqual(['a']);
    expect((await nameIndex.search('yinhe')).map((m) => m.id)).toEqual(['b']);
    expect(await nameIndex.search('  ')).toEqual([]);
  });
});
