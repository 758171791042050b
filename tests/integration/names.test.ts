import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, tokenFor } from './support.ts';

// 深圳市星河蓝海科技有限公司 (91440300MA5F000181) is a seeded, registered enterprise.
interface Check {
  verdict: string;
  findings: { rule: string; severity: string; conflictsWith?: { name: string; status: string } }[];
}
const check = (name: string, division = '440305') =>
  call<Check>('POST', '/v1/names/check', { body: { name, division } });
const search = (q: string) =>
  call<{ items: { name: string; status: string; creditCode?: string }[]; nextCursor: string | null }>(
    'GET',
    `/v1/names/search?q=${encodeURIComponent(q)}`,
  );

let alice: string;
beforeAll(async () => {
  alice = await tokenFor({ role: 'applicant', sub: 'names-alice' });
});

describe('similar names (warnings the applicant may go past)', () => {
  it('warns of a homophone trade name in the same industry', async () => {
    const r = await check('深圳市星和蓝海科技有限公司');
    expect(r.body.verdict).toBe('similar');
    expect(r.body.findings).toContainEqual(
      expect.objectContaining({
        rule: 'name.similar.homophone',
        severity: 'warn',
        conflictsWith: expect.objectContaining({ name: '深圳市星河蓝海科技有限公司', status: 'registered' }),
      }),
    );
  });

  it('warns of a trade name containing, or contained in, an existing one', async () => {
    for (const name of ['深圳市星河蓝海湾科技有限公司', '深圳市大星河蓝海科技有限公司']) {
      const r = await check(name);
      expect(r.body.findings, name).toContainEqual(
        expect.objectContaining({ rule: 'name.similar.contains', severity: 'warn' }),
      );
    }
  });

  it('finds nothing across industries or cities', async () => {
    expect((await check('深圳市星河蓝海餐饮管理有限公司')).body.verdict).toBe('available');
    expect((await check('广州市星河蓝海科技有限公司', '440106')).body.verdict).toBe('available');
  });
});

describe('public search', () => {
  it('finds a registered name by its trade name, traditional form or pinyin, with its credit code', async () => {
    for (const q of ['星河蓝海', '星河藍海', 'xinghelanhai']) {
      const r = await search(q);
      expect(r.status, q).toBe(200);
      expect(r.body.items, q).toContainEqual({
        name: '深圳市星河蓝海科技有限公司',
        status: 'registered',
        creditCode: '91440300MA5F000181',
      });
    }
  });

  it('shows a reserved name as reserved, without its holder, and drops it once released', async () => {
    const r = await call('POST', '/v1/names/reservations', {
      token: alice,
      body: {
        name: '深圳市琢玉栖霞科技有限公司',
        division: '440305',
        entityType: 'limited_liability_company',
        preApprovalRequired: true,
      },
    });
    expect(r.status).toBe(201);
    const hit = await eventually(async () =>
      (await search('琢玉栖霞')).body.items.find((i) => i.name === '深圳市琢玉栖霞科技有限公司'),
    );
    expect(hit).toEqual({ name: '深圳市琢玉栖霞科技有限公司', status: 'reserved' });
    expect((await call('DELETE', `/v1/names/reservations/${r.body.id}`, { token: alice })).status).toBe(200);
    expect((await search('琢玉栖霞')).body.items).toEqual([]);
  });

  it('refuses a one-character or mixed query with the field named', async () => {
    for (const q of ['星', 'ab1', '星x ']) {
      const r = await search(q);
      expect(r.status, q).toBe(400);
      expect((r.body as unknown as { errors: { path: string }[] }).errors[0]?.path).toBe('query.q');
    }
  });
});

describe('reservation reminders', () => {
  it('notify the holder before expiry (the runtime here shortens the lead to 1 s)', async () => {
    const r = await call('POST', '/v1/names/reservations', {
      token: alice,
      body: {
        name: '深圳市听松揽月科技有限公司',
        division: '440305',
        entityType: 'limited_liability_company',
      },
    });
    expect(r.status).toBe(201);
    const notice = await eventually(async () => {
      const list = await call<{ items: { kind: string; subject: { id: string }; message: string }[] }>(
        'GET',
        '/v1/notifications',
        { token: alice },
      );
      return list.body.items.find((n) => n.kind === 'reservation.expiring' && n.subject.id === r.body.id);
    });
    expect(notice.message).toContain('深圳市听松揽月科技有限公司');
    const other = await tokenFor({ role: 'applicant', sub: 'names-bob' });
    const theirs = await call<{ items: unknown[] }>('GET', '/v1/notifications', { token: other });
    expect(theirs.body.items).toEqual([]);
  });
});
