import { beforeAll, describe, expect, it } from 'vitest';
import { call, eventually, tokenFor } from './support.ts';

let operator: string;
let applicant: string;

beforeAll(async () => {
  operator = await tokenFor({ role: 'operator', sub: 'op-1' });
  applicant = await tokenFor({ role: 'applicant', sub: 'ops-applicant' });
});

interface StateRun {
  name: string;
  enteredAt: string;
  exitedAt?: string;
  input?: unknown;
  output?: unknown;
}

describe('operators see every execution, state by state', () => {
  it('lists the reservation workflow and opens one with each state’s input, output and timing', async () => {
    const r = await call('POST', '/v1/names/reservations', {
      token: applicant,
      body: {
        name: '深圳市观澜听涛科技有限公司',
        division: '440305',
        entityType: 'limited_liability_company',
      },
    });
    expect(r.status).toBe(201);
    const executionId = `name-reservation--${r.body.id}--g0`;

    const listed = await call<{ items: { id: string; workflow: string }[] }>(
      'GET',
      '/v1/ops/executions?workflow=name-reservation&limit=100',
      { token: operator },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((e) => e.id)).toContain(executionId);

    const done = await eventually(async () => {
      const got = await call<{ status: string; states: StateRun[]; input: unknown }>(
        'GET',
        `/v1/ops/executions/${executionId}`,
        { token: operator },
      );
      return got.body.status === 'SUCCEEDED' ? got.body : undefined;
    });
    expect(done.input).toEqual(expect.objectContaining({ reservationId: r.body.id, generation: 0 }));
    const names = done.states.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['PlanReservationWake', 'WhatNext', 'WaitUntilWake', 'ExpireReservation']),
    );
    const expire = done.states.find((s) => s.name === 'ExpireReservation')!;
    expect(expire.exitedAt).toBeDefined();
    expect(expire.output).toEqual(expect.objectContaining({ expiry: { expired: true, status: 'expired' } }));
    // No personal data in an execution: ids only.
    expect(JSON.stringify(done)).not.toMatch(/深圳市观澜听涛/);

    const succeeded = await call<{ items: { id: string; status: string }[] }>(
      'GET',
      '/v1/ops/executions?status=SUCCEEDED&limit=100',
      { token: operator },
    );
    expect(succeeded.body.items.every((e) => e.status === 'SUCCEEDED')).toBe(true);
    expect(succeeded.body.items.map((e) => e.id)).toContain(executionId);
  });

  it('is for operators only, and 404s an unknown execution', async () => {
    expect((await call('GET', '/v1/ops/executions', { token: applicant })).status).toBe(403);
    expect((await call('GET', '/v1/ops/executions')).status).toBe(401);
    expect(
      (await call('GET', '/v1/ops/executions/name-reservation--nope--g0', { token: operator })).status,
    ).toBe(404);
    expect((await call('GET', '/v1/ops/executions/other-workflow--x', { token: operator })).status).toBe(404);
    const bad = await call('GET', '/v1/ops/executions?status=SLEEPING', { token: operator });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.status' })]);
  });
});
