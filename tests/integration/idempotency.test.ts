import { describe, expect, it } from 'vitest';
import { call, tokenFor } from './support.ts';

describe('Idempotency-Key', () => {
  it('returns the first response to a repeat, 422 to another body under the same key, and creates once', async () => {
    const token = await tokenFor({ role: 'applicant', sub: 'idem-1' });
    const body = {
      name: '深圳市砺行知远科技有限公司',
      division: '440305',
      entityType: 'limited_liability_company',
    };
    const headers = { 'idempotency-key': 'reserve-0001-abcdef' };
    const first = await call('POST', '/v1/names/reservations', { token, body, headers });
    const again = await call('POST', '/v1/names/reservations', { token, body, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const other = await call('POST', '/v1/names/reservations', {
      token,
      body: { ...body, name: '深圳市砺行知远商贸有限公司' },
      headers,
    });
    expect(other.status).toBe(422);

    const mine = await call<{ items: { name: string }[] }>('GET', '/v1/names/reservations', { token });
    expect(mine.body.items.filter((i) => i.name === body.name)).toHaveLength(1);
  });

  it('is scoped to the caller: another applicant’s same key is a new request', async () => {
    const [a, b] = await Promise.all([
      tokenFor({ role: 'applicant', sub: 'idem-a' }),
      tokenFor({ role: 'applicant', sub: 'idem-b' }),
    ]);
    const headers = { 'idempotency-key': 'shared-key-123456' };
    const ra = await call('POST', '/v1/names/reservations', {
      token: a,
      headers,
      body: {
        name: '深圳市拾光远岫科技有限公司',
        division: '440305',
        entityType: 'limited_liability_company',
      },
    });
    const rb = await call('POST', '/v1/names/reservations', {
      token: b,
      headers,
      body: {
        name: '深圳市远岫拾光商贸有限公司',
        division: '440305',
        entityType: 'limited_liability_company',
      },
    });
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(rb.body.id).not.toBe(ra.body.id);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const token = await tokenFor({ role: 'applicant', sub: 'idem-c' });
    const r = await call('POST', '/v1/names/reservations', {
      token,
      headers: { 'idempotency-key': 'short' },
      body: {
        name: '深圳市鹿鸣远川科技有限公司',
        division: '440305',
        entityType: 'limited_liability_company',
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'headers.idempotency-key' })]);
  });
});
