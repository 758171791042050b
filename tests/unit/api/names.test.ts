import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/names';
import { context, event } from './support.ts';

beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const alice = { sub: 'alice', role: 'applicant' };
const bob = { sub: 'bob', role: 'applicant' };
const reservation = {
  name: '深圳市青云科技有限公司',
  division: '440305',
  entityType: 'limited_liability_company',
};
const ID_NUMBER = '11010519491231002X';

function routes() {
  const ports = memoryPorts({ now: new Date('2026-03-16T02:00:00.000Z') });
  return { ports, ...handlers(ports) };
}

describe('POST /v1/names/reservations', () => {
  it('answers 201 with the reservation and where it lives', async () => {
    const { reserve } = routes();
    const r = await reserve(event({ body: reservation, claims: alice }), context);
    expect(r.statusCode).toBe(201);
    const body = JSON.parse(r.body!);
    expect(body).toMatchObject({
      ...reservation,
      status: 'reserved',
      reservedAt: '2026-03-16T10:00:00+08:00',
    });
    expect(r.headers?.location).toBe(`/v1/names/reservations/${body.id}`);
  });

  it('answers 409 with the holder, from the failed write alone (no second read)', async () => {
    const { reserve, ports } = routes();
    expect((await reserve(event({ body: reservation, claims: bob }), context)).statusCode).toBe(201);
    const get = vi.spyOn(ports.reservations, 'get');
    const lookup = vi.spyOn(ports.nameIndex, 'lookup');
    const r = await reserve(event({ body: reservation, claims: alice }), context);
    expect(r.statusCode).toBe(409);
    expect(JSON.parse(r.body!).findings).toEqual([
      expect.objectContaining({
        rule: 'name.identical',
        conflictsWith: expect.objectContaining({ name: reservation.name, status: 'reserved' }),
      }),
    ]);
    expect(get).not.toHaveBeenCalled();
    expect(lookup).not.toHaveBeenCalled();
    expect(ports.workflows.started).toHaveLength(1);
  });

  it('answers 422 with the findings of a name the rules refuse', async () => {
    const { reserve, ports } = routes();
    const r = await reserve(
      event({ body: { ...reservation, name: '深圳市贸易科技有限公司' }, claims: alice }),
      context,
    );
    expect(r.statusCode).toBe(422);
    expect(JSON.parse(r.body!).findings).toContainEqual(
      expect.objectContaining({ rule: 'name.trade-name.industry-word', severity: 'block' }),
    );
    expect(ports.registry.reservations.size).toBe(0);
  });

  it('starts the workflow with ids only, never the holder’s identity', async () => {
    const { reserve, ports } = routes();
    const clerk = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1' };
    const r = await reserve(
      event({ body: { ...reservation, holder: { name: '王芳', idNumber: ID_NUMBER } }, claims: clerk }),
      context,
    );
    expect(r.statusCode).toBe(201);
    const id = JSON.parse(r.body!).id;
    expect(ports.workflows.started).toEqual([
      {
        workflow: 'name-reservation',
        executionName: `name-reservation--${id}--g0`,
        input: { reservationId: id, generation: 0, generationStartedAt: '2026-03-16T02:00:00.000Z' },
      },
    ]);
    expect(JSON.parse(r.body!).holderName).toBe('王芳');
    expect(r.body).not.toContain(ID_NUMBER);
  });

  it('answers 400 at body.holder when a clerk names nobody', async () => {
    const { reserve } = routes();
    const clerk = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1' };
    const r = await reserve(event({ body: reservation, claims: clerk }), context);
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body!).errors).toEqual([expect.objectContaining({ path: 'body.holder' })]);
  });
});

describe('the other name routes', () => {
  it("answers 404 to another's reservation and 409 to releasing one twice", async () => {
    const { reserve, getOne, release } = routes();
    const id = JSON.parse((await reserve(event({ body: reservation, claims: alice }), context)).body!).id;
    const path = { id };
    expect((await getOne(event({ method: 'GET', path, claims: bob }), context)).statusCode).toBe(404);
    expect((await release(event({ method: 'DELETE', path, claims: bob }), context)).statusCode).toBe(404);
    const released = await release(event({ method: 'DELETE', path, claims: alice }), context);
    expect(JSON.parse(released.body!).status).toBe('released');
    const again = await release(event({ method: 'DELETE', path, claims: alice }), context);
    expect(again.statusCode).toBe(409);
  });

  it('refuses a search cursor of another search at query.cursor', async () => {
    const { search } = routes();
    const foreign = Buffer.from(JSON.stringify({ k: 'reservations', p: { after: 'x' } })).toString(
      'base64url',
    );
    const r = await search(event({ method: 'GET', query: { q: '青云', cursor: foreign } }), context);
    expect(r.statusCode).toBe(400);
    expect(JSON.parse(r.body!).errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
  });
});
