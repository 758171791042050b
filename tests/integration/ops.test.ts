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

    // The index learns of the start from the engine's status change, just after the answer.
    await eventually(async () => {
      const listed = await call<{ items: { id: string; workflow: string }[] }>(
        'GET',
        '/v1/ops/executions?workflow=name-reservation&limit=100',
        { token: operator },
      );
      expect(listed.status).toBe(200);
      return listed.body.items.some((e) => e.id === executionId) || undefined;
    });
    const byCase = await call<{ items: { id: string; subjects: string[] }[] }>(
      'GET',
      `/v1/ops/executions?subject=${r.body.id}`,
      { token: operator },
    );
    expect(byCase.body.items.map((e) => e.id)).toEqual([executionId]);
    expect(byCase.body.items[0]?.subjects).toContain(r.body.id);

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

    const succeeded = await eventually(async () => {
      const page = await call<{ items: { id: string; status: string; outcome?: string }[] }>(
        'GET',
        '/v1/ops/executions?status=SUCCEEDED&workflow=name-reservation&limit=100',
        { token: operator },
      );
      return page.body.items.some((e) => e.id === executionId) ? page.body.items : undefined;
    });
    expect(succeeded.every((e) => e.status === 'SUCCEEDED')).toBe(true);
    expect(succeeded.find((e) => e.id === executionId)?.outcome).toBe('expired');
  });

  it('gives the overview from its counters, and each workflow’s graph to draw', async () => {
    const overview = await call<{
      workflows: { workflow: string; counts: Record<string, number>; throughput: { started: number }[] }[];
      deliveries: { departments: unknown[] };
      failures: { recent: unknown[] };
    }>('GET', '/v1/ops/overview', { token: operator });
    expect(overview.status).toBe(200);
    const reservations = overview.body.workflows.find((w) => w.workflow === 'name-reservation')!;
    expect(reservations.throughput).toHaveLength(24);
    expect(reservations.throughput.reduce((n, h) => n + h.started, 0)).toBeGreaterThan(0);
    expect(Object.keys(reservations.counts).sort()).toEqual([
      'ABORTED',
      'FAILED',
      'RUNNING',
      'SUCCEEDED',
      'TIMED_OUT',
    ]);
    expect(overview.body.deliveries.departments.length).toBeGreaterThan(0);

    const graphs = await call<{
      items: { name: string; startAt: string; states: Record<string, { Type: string }> }[];
    }>('GET', '/v1/ops/workflows', { token: operator });
    const registration = graphs.body.items.find((g) => g.name === 'registration')!;
    expect(registration.states[registration.startAt]?.Type).toBe('Task');
    expect(JSON.stringify(registration)).not.toContain('${');
    expect((await call('GET', '/v1/ops/overview', { token: applicant })).status).toBe(403);
    expect((await call('GET', '/v1/ops/human-tasks/overdue', { token: operator })).status).toBe(200);
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
