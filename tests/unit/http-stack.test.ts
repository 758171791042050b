import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '#adapters/logger';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/names';
import { ROUTE } from '#contract/routes';
import { readCaller } from '#http/claims';
import { canonicalBody } from '#http/idempotency';
import { httpRoute, json } from '#http/route';
import { context, event } from './api/support.ts';

// The middy stack every API handler runs in, driven through the name-reservation route on in-memory
// ports: roles, validation, problem+json, Idempotency-Key and what reaches the logs.
beforeEach(() => {
  // The logger writes JSON lines to the process's streams: kept out of the test output.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const applicant = { sub: 'alice', role: 'applicant' };
const reservation = {
  name: '深圳市青云科技有限公司',
  division: '440305',
  entityType: 'limited_liability_company',
};
const ID_NUMBER = '11010519491231002X';

function routes() {
  const ports = memoryPorts();
  return { ports, ...handlers(ports) };
}

describe('readCaller', () => {
  it("reads the platform token's bare claims, and no provider's own names (Cognito's custom:)", () => {
    const platform = readCaller(event({ claims: { sub: 'u1', role: 'bank_clerk', branchId: 'B-1' } }));
    expect(platform).toEqual({ sub: 'u1', role: 'bank_clerk', branchId: 'B-1' });
    const cognito = readCaller(
      event({ claims: { sub: 'u1', 'custom:role': 'bank_clerk', 'custom:branchId': 'B-1' } }),
    );
    expect(cognito).toBeUndefined();
  });

  it('has no caller without a known role', () => {
    expect(readCaller(event({ claims: { sub: 'u1', role: 'root' } }))).toBeUndefined();
    expect(readCaller(event({ claims: { role: 'applicant' } }))).toBeUndefined();
  });
});

describe('the route stack', () => {
  it('answers 401 without a caller and 403 for a role the route does not admit', async () => {
    const { reserve, ports } = routes();
    const none = await reserve(event({ body: reservation }), context);
    expect(none.statusCode).toBe(401);
    expect(none.headers?.['www-authenticate']).toBe('Bearer');
    const examiner = await reserve(
      event({ body: reservation, claims: { sub: 'e', role: 'examiner', authority: '440300' } }),
      context,
    );
    expect(examiner.statusCode).toBe(403);
    expect(JSON.parse(examiner.body!)).toMatchObject({
      type: 'urn:one-stop-registry:problem:forbidden',
      status: 403,
    });
    expect(ports.registry.reservations.size).toBe(0);
  });

  it('lists every bad field with its path, as problem+json', async () => {
    const { reserve, ports } = routes();
    const r = await reserve(event({ body: { name: 7, division: 'x' }, claims: applicant }), context);
    expect(r.statusCode).toBe(400);
    expect(r.headers?.['content-type']).toBe('application/problem+json');
    const paths = (JSON.parse(r.body!).errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.division', 'body.entityType']));
    expect(ports.registry.reservations.size).toBe(0);
  });

  it('answers 400 at body to a body that is not JSON, or not declared as JSON', async () => {
    const { reserve } = routes();
    const broken = await reserve(event({ body: '{"name": "深圳', claims: applicant }), context);
    expect(broken.statusCode).toBe(400);
    expect(JSON.parse(broken.body!)).toMatchObject({
      detail: 'the body is not valid JSON',
      errors: [expect.objectContaining({ path: 'body' })],
    });
    const form = await reserve(
      event({ body: 'name=x', claims: applicant, headers: { 'content-type': 'text/plain' } }),
      context,
    );
    expect(form.statusCode).toBe(400);
    expect(JSON.parse(form.body!).errors).toEqual([expect.objectContaining({ path: 'body' })]);
  });

  it('turns a storage failure into a 500 that reveals nothing', async () => {
    const { reserve, ports } = routes();
    vi.spyOn(ports.reservations, 'reserve').mockRejectedValue(
      new Error('connect ECONNREFUSED 10.1.2.3:8000 at Socket.internal'),
    );
    const r = await reserve(event({ body: reservation, claims: applicant }), context);
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toMatch(/ECONNREFUSED|10\.1\.2\.3|Socket|stack/);
    expect(JSON.parse(r.body!)).toMatchObject({ status: 500, instance: 'req-1' });
  });

  it('logs the route, never the holder’s identity number', async () => {
    // The request line is an INFO line, whatever level another tier's setup left in this process.
    logger.setLogLevel('INFO');
    const { reserve, ports } = routes();
    const lines: string[] = [];
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
    vi.spyOn(console, 'info').mockImplementation((...a) => void lines.push(a.join(' ')));
    vi.spyOn(console, 'debug').mockImplementation((...a) => void lines.push(a.join(' ')));
    const clerk = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1' };
    const r = await reserve(
      event({ body: { ...reservation, holder: { name: '王芳', idNumber: ID_NUMBER } }, claims: clerk }),
      context,
    );
    expect(r.statusCode).toBe(201);
    expect(JSON.stringify([...ports.registry.reservations.values()])).not.toContain(ID_NUMBER);
    expect(lines.join('\n')).toContain('ReserveName');
    expect(lines.join('\n')).not.toContain(ID_NUMBER);
  });

  it('logs one line per request: INFO for 2xx and 4xx, ERROR with route and status for a 5xx', async () => {
    logger.setLogLevel('INFO');
    const { reserve, ports } = routes();
    const written: string[] = [];
    for (const stream of [process.stdout, process.stderr])
      vi.spyOn(stream, 'write').mockImplementation((chunk) => {
        written.push(String(chunk));
        return true;
      });
    for (const level of ['info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation((...a) => void written.push(a.join(' ')));
    const lines = () =>
      written
        .join('\n')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const clerk = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1' };
    const withHolder = { ...reservation, holder: { name: '王芳', idNumber: ID_NUMBER } };
    const key = { 'idempotency-key': 'log-key-123' };
    const statuses = [
      (await reserve(event({ body: withHolder, claims: clerk, headers: key }), context)).statusCode,
      (await reserve(event({ body: withHolder, claims: clerk, headers: key }), context)).statusCode,
      (await reserve(event({ body: { name: 7 }, claims: applicant }), context)).statusCode,
      (await reserve(event({ body: reservation }), context)).statusCode,
      (await reserve(event({ body: reservation, claims: applicant }), context)).statusCode,
    ];
    vi.spyOn(ports.reservations, 'reserve').mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    statuses.push((await reserve(event({ body: reservation, claims: applicant }), context)).statusCode);
    expect(statuses).toEqual([201, 201, 400, 401, 409, 500]);

    expect(lines().map((l) => [l.level, l.message, l.route, l.method, l.status])).toEqual([
      ...[201, 201, 400, 401, 409].map((status) => ['INFO', 'request', 'ReserveName', 'POST', status]),
      ['ERROR', 'request', 'ReserveName', 'POST', 500],
    ]);
    for (const line of lines()) expect(line.durationMs).toEqual(expect.any(Number));
    expect(lines().at(-1)).toMatchObject({ requestId: 'req-1', error: { message: 'connect ECONNREFUSED' } });
    expect(written.join('\n')).not.toContain(ID_NUMBER);
    expect(written.join('\n')).not.toContain('王芳');
  });

  it('refuses to build an idempotent route without the ports that hold its keys', () => {
    expect(() => httpRoute(ROUTE.ReserveName, async () => json(201, {}))).toThrow(/Idempotency-Key/);
  });
});

describe('Idempotency-Key', () => {
  const KEY = 'key-12345678';
  const scope = `applicant:alice#ReserveName#${KEY}`;
  const hashOf = (body: unknown) =>
    createHash('sha256')
      .update(canonicalBody(JSON.stringify(body)))
      .digest('hex');
  const withKey = (body: unknown = reservation) =>
    event({ body, claims: applicant, headers: { 'idempotency-key': KEY } });

  it('replays the stored response without running the handler', async () => {
    const { reserve, ports } = routes();
    const stored = { statusCode: 201, body: '{"id":"r1"}', headers: { 'content-type': 'application/json' } };
    await ports.idempotency.claim(scope, hashOf(reservation), ports.clock.now());
    await ports.idempotency.complete(scope, stored, ports.clock.now());
    const r = await reserve(withKey(), context);
    expect(r).toMatchObject({
      statusCode: 201,
      body: '{"id":"r1"}',
      headers: { 'idempotent-replayed': 'true' },
    });
    expect(ports.registry.reservations.size).toBe(0);
    expect(ports.workflows.started).toHaveLength(0);
  });

  it('answers a repeat with the first response, reserving and starting once', async () => {
    const { reserve, ports } = routes();
    const first = await reserve(withKey(), context);
    const again = await reserve(withKey(), context);
    expect(first.statusCode).toBe(201);
    expect(again).toMatchObject({ statusCode: 201, body: first.body });
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    expect(ports.registry.reservations.size).toBe(1);
    expect(ports.workflows.started).toHaveLength(1);
  });

  it('answers 422 to another body and 409 while the first is in flight', async () => {
    const { reserve, ports } = routes();
    await ports.idempotency.claim(scope, hashOf(reservation), ports.clock.now());
    const other = await reserve(withKey({ ...reservation, name: '深圳市青岚科技有限公司' }), context);
    expect(other.statusCode).toBe(422);
    expect(JSON.parse(other.body!).type).toBe('urn:one-stop-registry:problem:idempotency-key-reused');
    const inFlight = await reserve(withKey(), context);
    expect(inFlight.statusCode).toBe(409);
    expect(JSON.parse(inFlight.body!).type).toBe('urn:one-stop-registry:problem:idempotency-in-flight');
    expect(inFlight.headers?.['retry-after']).toBe('2');
    expect(ports.registry.reservations.size).toBe(0);
  });

  it('refuses a malformed key at headers.idempotency-key', async () => {
    const { reserve } = routes();
    const r = await reserve(
      event({ body: reservation, claims: applicant, headers: { 'idempotency-key': 'short' } }),
      context,
    );
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body!).errors).toEqual([
      expect.objectContaining({ path: 'headers.idempotency-key' }),
    ]);
  });

  it('records the response after success, and frees the key after a failure', async () => {
    const ok = routes();
    expect((await ok.reserve(withKey(), context)).statusCode).toBe(201);
    expect(ok.ports.registry.idempotency.get(scope)).toMatchObject({
      state: 'completed',
      response: { statusCode: 201 },
    });

    const failing = routes();
    vi.spyOn(failing.ports.reservations, 'reserve').mockRejectedValueOnce(new Error('boom'));
    expect((await failing.reserve(withKey(), context)).statusCode).toBe(500);
    expect(failing.ports.registry.idempotency.has(scope)).toBe(false);
    // The client may try again with the same key.
    expect((await failing.reserve(withKey(), context)).statusCode).toBe(201);
  });
});
