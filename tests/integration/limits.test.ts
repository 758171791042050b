import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '#http/route';
import { call, runtime, tokenFor } from './support.ts';

// Limits say what they are, as problem+json: 431 for headers, 413 for the one body limit (the local
// server's cap and the handler stack's agree), 403 for an examiner whose authority is no division.
describe('limits over HTTP', () => {
  it('names the request in every problem, those the server answers before a handler (401) included', async () => {
    const r = await call<{ instance?: string; status: number }>('GET', '/v1/registrations', {
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(r.status).toBe(401);
    expect(r.body.instance).toBe(r.headers.get('apigw-requestid'));
    expect(r.body.instance).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 431 problem+json to request headers over the limit', async () => {
    const res = await fetch(`${runtime().url}/healthz`, { headers: { 'x-big': 'a'.repeat(32 * 1024) } });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 431 });
  });

  it('answers 413 problem+json just over the one body limit, and lets a body under it through', async () => {
    const over = await call('POST', '/v1/names/check', {
      raw: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), division: '440305' }),
    });
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toBe('application/problem+json');
    expect(over.body).toMatchObject({ status: 413 });
    const under = await call('POST', '/v1/names/check', {
      raw: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES - 100), division: '440305' }),
    });
    expect(under.status).toBe(400); // read and validated: the name is not a name
  });

  it('answers 403 to an examiner token whose authority is no division, as to one that names none', async () => {
    const token = await tokenFor({ role: 'examiner', sub: 'lost', authority: '999999' });
    const res = await call('GET', '/v1/reviews', { token });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});
