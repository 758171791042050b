import { describe, expect, it } from 'vitest';
import { indexReservedName } from '#app/names/reservation-lifecycle';
import { searchNames } from '#app/names/search-names';
import { ValidationError } from '#domain/errors';
import { alice, bob, freshPorts, reserve } from '../support.ts';

async function indexed(names: string[]) {
  const ports = freshPorts();
  for (const [i, name] of names.entries()) {
    const record = await reserve(ports, i % 2 ? bob : alice, name);
    await indexReservedName(ports, record.id);
  }
  return ports;
}

describe('searchNames', () => {
  it('lists the exact trade name first, then pages with a position', async () => {
    const ports = await indexed([
      '深圳市青云山科技有限公司',
      '深圳市青云科技有限公司',
      '深圳市青云阁科技有限公司',
    ]);
    const first = await searchNames(ports, '青云', 2, undefined);
    expect(first.items.map((m) => m.name)).toEqual(['深圳市青云科技有限公司', expect.any(String)]);
    expect(first.items.every((m) => m.status === 'reserved')).toBe(true);
    expect(first.next).toEqual({ q: '青云', offset: 2 });
    const second = await searchNames(ports, '青云', 2, first.next!);
    expect(second.items).toHaveLength(1);
    expect(second.next).toBeNull();
    const all = [...first.items, ...second.items].map((m) => m.name).sort();
    expect(all).toEqual(
      ['深圳市青云阁科技有限公司', '深圳市青云山科技有限公司', '深圳市青云科技有限公司'].sort(),
    );
  });

  it('finds names by pinyin', async () => {
    const ports = await indexed(['深圳市青云科技有限公司']);
    expect((await searchNames(ports, 'qingyun', 10, undefined)).items.map((m) => m.name)).toEqual([
      '深圳市青云科技有限公司',
    ]);
  });

  it('refuses the cursor of another search at query.cursor', async () => {
    const ports = await indexed(['深圳市青云科技有限公司']);
    const refused = searchNames(ports, '青云', 2, { q: '星河', offset: 2 });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'query.cursor' })],
    });
  });
});
