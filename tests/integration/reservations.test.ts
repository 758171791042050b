import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, tokenFor } from './support.ts';

// Each test uses its own trade name: the runtime (and its store) is shared by the whole tier.
let alice: string;
let bob: string;

beforeAll(async () => {
  alice = await tokenFor({ role: 'applicant', sub: 'alice' });
  bob = await tokenFor({ role: 'applicant', sub: 'bob' });
});

const reserve = (token: string, name: string, extra: Record<string, unknown> = {}) =>
  call('POST', '/v1/names/reservations', {
    token,
    body: { name, division: '440305', entityType: 'limited_liability_company', ...extra },
  });

describe('name reservation', () => {
  it('reserves a name for its applicant at once, and shows it to them only', async () => {
    const r = await reserve(alice, '深圳市青岚云帆科技有限公司');
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      name: '深圳市青岚云帆科技有限公司',
      status: 'reserved',
      division: '440305',
    });
    expect(String(r.body.expiresAt)).toMatch(/\+08:00$/);
    const id = String(r.body.id);

    expect((await call('GET', `/v1/names/reservations/${id}`, { token: alice })).body).toMatchObject({
      id,
      status: 'reserved',
    });
    const other = await call('GET', `/v1/names/reservations/${id}`, { token: bob });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/problem+json');

    const mine = await call<{ items: { id: string }[] }>('GET', '/v1/names/reservations', { token: alice });
    expect(mine.body.items.map((i) => i.id)).toContain(id);
    const theirs = await call<{ items: { id: string }[] }>('GET', '/v1/names/reservations', { token: bob });
    expect(theirs.body.items.map((i) => i.id)).not.toContain(id);
  });

  it('refuses identical variants of a reserved name with 409 and the conflicting name', async () => {
    expect((await reserve(alice, '深圳市澜沧汇通科技有限公司')).status).toBe(201);
    for (const variant of [
      '深圳澜沧汇通科技有限公司',
      '深圳市澜沧汇通科技有限责任公司',
      '深圳市瀾滄匯通科技有限公司',
    ]) {
      const r = await reserve(bob, variant);
      expect(r.status, variant).toBe(409);
      expect(r.body.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            rule: 'name.identical',
            severity: 'block',
            conflictsWith: expect.objectContaining({ status: 'reserved' }),
          }),
        ]),
      );
    }
  });

  it('lets the trade name with its characters reordered be reserved, as a similar name (domain.md)', async () => {
    expect((await reserve(alice, '深圳市翠鸣澄观科技有限公司')).status).toBe(201);
    // Similar names are found through the name index, which the reservation's workflow fills at once.
    const verdict = await eventually(async () => {
      const check = await call<{ verdict: string }>('POST', '/v1/names/check', {
        body: { name: '深圳市澄观翠鸣科技有限公司', division: '440305' },
      });
      return check.body.verdict === 'similar' ? check.body.verdict : undefined;
    });
    expect(verdict).toBe('similar');
    expect((await reserve(bob, '深圳市澄观翠鸣科技有限公司')).status).toBe(201);
  });

  it('lets the same trade name be reserved in another city', async () => {
    expect((await reserve(alice, '深圳市北辰拓远科技有限公司')).status).toBe(201);
    const r = await call('POST', '/v1/names/reservations', {
      token: bob,
      body: {
        name: '广州市北辰拓远科技有限公司',
        division: '440106',
        entityType: 'limited_liability_company',
      },
    });
    expect(r.status).toBe(201);
  });

  it('answers 422 with every finding when a rule blocks the name', async () => {
    const r = await reserve(alice, '中国澜星科技有限公司');
    expect(r.status).toBe(422);
    expect(r.body.findings).toEqual(expect.arrayContaining([expect.objectContaining({ severity: 'block' })]));
  });

  it('releases on the holder’s request, after which another may reserve', async () => {
    const first = await reserve(alice, '深圳市松石远澈科技有限公司');
    expect(first.status).toBe(201);
    expect((await call('DELETE', `/v1/names/reservations/${first.body.id}`, { token: bob })).status).toBe(
      404,
    );
    const released = await call('DELETE', `/v1/names/reservations/${first.body.id}`, { token: alice });
    expect(released.body).toMatchObject({ status: 'released' });
    expect((await call('DELETE', `/v1/names/reservations/${first.body.id}`, { token: alice })).status).toBe(
      409,
    );
    expect((await reserve(bob, '深圳市松石远澈科技有限公司')).status).toBe(201);
  });

  it('lets a clerk reserve for the person at the counter, who then sees it online', async () => {
    const clerk = await tokenFor({ role: 'bank_clerk', sub: 'clerk-7', branchId: 'ICBC-SZ-0001' });
    const missing = await reserve(clerk, '深圳市砚田明川科技有限公司');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'body.holder' })]);
    const r = await reserve(clerk, '深圳市砚田明川科技有限公司', {
      holder: { name: '张三', idNumber: '440305199003070014' },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ holderName: '张三' });
    expect(JSON.stringify(r.body)).not.toContain('440305199003070014');
    const person = await call('POST', '/v1/dev/tokens', {
      body: { role: 'applicant', sub: 'zhang-online', idNumber: '440305199003070014' },
    });
    const token = String(person.body.token);
    expect((await call('GET', `/v1/names/reservations/${r.body.id}`, { token })).status).toBe(200);
    const listed = await call<{ items: { id: string }[] }>('GET', '/v1/names/reservations', { token });
    expect(listed.body.items.map((i) => i.id)).toContain(r.body.id);
  });

  it('expires through its workflow at the deadline, and frees the name', async () => {
    // The integration runtime shortens NAME_RESERVATION_PERIOD to 3 s.
    const r = await reserve(alice, '深圳市晨曦栖木科技有限公司');
    expect(r.status).toBe(201);
    const expired = await eventually(async () => {
      const got = await call('GET', `/v1/names/reservations/${r.body.id}`, { token: alice });
      return got.body.status === 'expired' ? got.body : undefined;
    });
    expect(expired.status).toBe('expired');
    expect((await reserve(bob, '深圳市晨曦栖木科技有限公司')).status).toBe(201);
  });
});

describe('concurrency: two hundred applicants, one name', () => {
  it('gives the name to exactly one, even spelled as identical variants', async () => {
    const spellings = [
      '深圳市曜石星河科技有限公司',
      '深圳曜石星河科技有限公司',
      '深圳市曜石星河科技有限责任公司',
      '深圳市曜石星河科技有限公司',
    ];
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => tokenFor({ role: 'applicant', sub: `racer-${i}` })),
    );
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        reserve(tokens[i % tokens.length]!, spellings[i % spellings.length]!),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);

    // The store holds one reservation of it (in whatever state the 3-second period has left it): every
    // racer lists their own, and only one has any.
    const held = await Promise.all(
      tokens.map(
        async (token) =>
          (
            await call<{ items: { name: string; status: string }[] }>(
              'GET',
              '/v1/names/reservations?limit=100',
              { token },
            )
          ).body.items,
      ),
    );
    expect(held.flat().filter((i) => i.name.includes('曜石星河'))).toHaveLength(1);
  });
});
