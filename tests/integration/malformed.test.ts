import { connect } from 'node:net';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { call, runtime, tokenFor } from './support.ts';

/** Sends bytes as they are, which fetch would percent-encode first. */
function rawRequest(text: string): Promise<string> {
  const { port, hostname } = new URL(runtime().url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(Buffer.from(text, 'utf8')));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

type Case = { method: string; path: string; raw?: string; headers?: Record<string, string>; token?: string };

/** Deterministic pseudo-random generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

async function malformedCases(count: number): Promise<Case[]> {
  const applicant = await tokenFor({ role: 'applicant', sub: 'fuzz' });
  const forged = await new SignJWT({ role: 'operator', sub: 'x' })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode('not-the-key-not-the-key-not-the-key'));
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"operator","sub":"x"}').toString('base64url')}.`;
  const values: unknown[] = [
    null,
    1,
    -1,
    1e308,
    true,
    '',
    'x',
    [],
    {},
    [1, 2],
    { a: 1 },
    '\u0000',
    '💥'.repeat(50),
    'a'.repeat(5000),
  ];
  const next = rng(2026);
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const shapes: (() => Case)[] = [
    () => ({
      method: 'POST',
      path: '/v1/names/check',
      raw: pick(['{', '{"name":', 'null', '[]', '"str"', '{"name":"x",}', 'NaN', '\u0000\u0001', '{}']),
    }),
    () => ({
      method: 'POST',
      path: '/v1/names/check',
      raw: JSON.stringify({ name: pick(values), division: pick(values) }),
    }),
    () => ({
      method: 'POST',
      path: '/v1/names/check',
      raw: JSON.stringify({
        name: '深圳市某某科技有限公司',
        division: pick(['abc', '12345', '1234567', '000000', 440305]),
      }),
    }),
    () => ({
      method: 'POST',
      path: '/v1/names/check',
      raw: JSON.stringify({ name: '深圳市某某科技有限公司', division: '440305' }),
      headers: { 'content-type': 'text/plain' },
    }),
    () => ({
      method: 'POST',
      path: '/v1/names/reservations',
      raw: JSON.stringify({ name: pick(values), division: '440305', entityType: pick(values) }),
      token: applicant,
    }),
    () => ({
      method: 'POST',
      path: '/v1/names/reservations',
      raw: JSON.stringify({ name: '深圳市某某科技有限公司', division: '440305' }),
      token: pick(['garbage', forged, none, `${applicant}x`, '']),
    }),
    () => ({
      method: 'POST',
      path: '/v1/names/reservations',
      raw: '{"name":1}',
      headers: { authorization: pick(['Basic abc', 'Bearer', 'bearer  ', 'Token x']) },
    }),
    () => ({
      method: 'GET',
      path: `/v1/names/reservations/${pick(['..%2F..%2Fetc', '%E0%A4%A', 'a'.repeat(200), '%00', "'; DROP TABLE"])}`,
      token: applicant,
    }),
    () => ({
      method: 'GET',
      path: `/v1/names/reservations?limit=${pick(['-1', '0', '101', 'abc', '1e9'])}`,
      token: applicant,
    }),
    () => ({
      method: 'GET',
      path: `/v1/names/reservations?cursor=${pick(['%%%', 'bm90LWpzb24', 'eyJ4IjoxfQ'])}`,
      token: applicant,
    }),
    () => ({ method: 'GET', path: `/v1/credit-codes/${'9'.repeat(65)}/check` }),
    () => ({ method: pick(['PUT', 'PATCH', 'DELETE']), path: '/v1/names/check', raw: '{}' }),
    () => ({ method: 'GET', path: pick(['/v1/nope', '/v2/names/check', '/v1/names/check/extra', '/']) }),
    () => ({
      method: 'GET',
      path: `/v1/ops/executions?status=${pick(['x', 'running', ''])}`,
      token: applicant,
    }),
    () => ({
      method: 'POST',
      path: '/v1/dev/tokens',
      raw: JSON.stringify({ role: pick(['root', 'admin', 1, null]), sub: pick(values) }),
    }),
    () => ({
      method: 'POST',
      path: '/v1/dev/tokens',
      raw: JSON.stringify({
        role: 'applicant',
        sub: 'p',
        idNumber: pick(['110105194912310021', 'abcdefghijk', '123']),
      }),
    }),
  ];
  return Array.from({ length: count }, () => pick(shapes)());
}

describe('500 malformed requests', () => {
  it('each gets a 4xx problem+json that says what is wrong, and the process stays up', async () => {
    const cases = await malformedCases(497);
    const results = [];
    for (let i = 0; i < cases.length; i += 25) {
      results.push(
        ...(await Promise.all(
          cases.slice(i, i + 25).map((c) =>
            call(c.method, c.path, {
              ...(c.raw !== undefined ? { raw: c.raw } : {}),
              ...(c.headers ? { headers: c.headers } : {}),
              ...(c.token !== undefined ? { token: c.token } : {}),
            }),
          ),
        )),
      );
    }
    // Three more: a body over the limit, a body that lies about its length, and a deep JSON nest.
    const { url } = runtime();
    const huge = await fetch(`${url}/v1/names/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}`,
    });
    expect(huge.status).toBe(413);
    await huge.text();
    results.push(
      await call('POST', '/v1/names/check', { raw: `${'['.repeat(100_000)}${']'.repeat(100_000)}` }),
    );
    results.push(
      await call('POST', '/v1/names/check', {
        raw: JSON.stringify({
          name: '深圳市某某科技有限公司',
          division: '440305',
          extra: 'x'.repeat(300 * 1024),
        }),
      }),
    );

    const bad = results.filter(
      (r) =>
        r.status < 400 ||
        r.status >= 500 ||
        r.headers.get('content-type') !== 'application/problem+json' ||
        typeof (r.body as { type?: unknown }).type !== 'string' ||
        typeof (r.body as { detail?: unknown }).detail !== 'string',
    );
    expect(bad.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)).toEqual([]);
    expect(results).toHaveLength(499);
    const validation = results.filter((r) => r.status === 400);
    expect(validation.length).toBeGreaterThan(100);
    for (const r of validation) {
      const errors = (r.body as { errors?: { path: string; message: string }[] }).errors;
      expect(errors?.length, JSON.stringify(r.body)).toBeGreaterThan(0);
    }
    // Raw non-ASCII in the request line is refused by Node's parser itself: still a problem+json 400.
    const raw = await rawRequest(`GET /v1/business-scope?q=软件 HTTP/1.1\r\nHost: local\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toContain('application/problem+json');
    expect((await call('GET', '/healthz')).status).toBe(200);
  });
});
