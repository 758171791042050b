import { describe, expect, it } from 'vitest';
import { getExecution, listExecutions, type Position } from '#app/ops/executions';
import { indexStatusChange } from '#app/ops/index-execution';
import { NotFoundError } from '#domain/errors';
import { freshPorts, T0, type TestPorts } from '../support.ts';

const at = (minutes: number) => T0.getTime() + minutes * 60_000;

async function run(ports: TestPorts, name: string, minutes: number, status = 'RUNNING', input = {}) {
  await indexStatusChange(ports, { name, status, startDate: at(minutes), input: JSON.stringify(input) });
}

const names = (items: { name: string }[]) => items.map((e) => e.name);

describe('listExecutions', () => {
  it('pages over several workflows with one cursor, newest first, each keeping its place', async () => {
    const ports = freshPorts();
    await run(ports, 'name-reservation--r1--g0', 1);
    await run(ports, 'name-reservation--r2--g0', 3);
    await run(ports, 'registration--g1', 2);

    // At most `limit` a page, whatever the number of workflows (found by a new user).
    const first = await listExecutions(ports, { limit: 1 }, {});
    expect(names(first.items)).toEqual(['name-reservation--r2--g0']);
    const second = await listExecutions(ports, { limit: 1 }, first.next as Position);
    expect(names(second.items)).toEqual(['registration--g1']);
    const third = await listExecutions(ports, { limit: 1 }, second.next as Position);
    expect(names(third.items)).toEqual(['name-reservation--r1--g0']);
    expect(third.next).toBeNull();
    const all = await listExecutions(ports, { limit: 2 }, {});
    expect(names(all.items)).toEqual(['name-reservation--r2--g0', 'registration--g1']);
  });

  it('filters by workflow, status and start time', async () => {
    const ports = freshPorts();
    await run(ports, 'name-reservation--r1--g0', 1, 'SUCCEEDED');
    await run(ports, 'name-reservation--r2--g0', 2);
    await run(ports, 'registration--g1', 3, 'SUCCEEDED');
    const done = await listExecutions(
      ports,
      { workflow: 'name-reservation', status: 'SUCCEEDED', limit: 10 },
      {},
    );
    expect(names(done.items)).toEqual(['name-reservation--r1--g0']);
    expect(done.next).toBeNull();
    const window = await listExecutions(
      ports,
      { from: new Date(at(2)).toISOString(), to: new Date(at(3)).toISOString(), limit: 10 },
      {},
    );
    expect(names(window.items)).toEqual(['name-reservation--r2--g0']);
  });

  it('finds the executions that worked on a case, by its id or by the credit code it got', async () => {
    const ports = freshPorts();
    await run(ports, 'registration--g1', 1, 'RUNNING', { registrationId: 'g1' });
    await indexStatusChange(ports, {
      name: 'registration--g1',
      status: 'SUCCEEDED',
      startDate: at(1),
      stopDate: at(2),
      output: JSON.stringify({ registrationId: 'g1', code: { creditCode: '91440300MA5G000001' } }),
    });
    await run(ports, 'registration--g2', 3);
    expect(names((await listExecutions(ports, { subject: 'g1', limit: 10 }, {})).items)).toEqual([
      'registration--g1',
    ]);
    const byCode = await listExecutions(ports, { subject: '91440300MA5G000001', limit: 10 }, {});
    expect(byCode.items).toMatchObject([{ name: 'registration--g1', status: 'SUCCEEDED' }]);
    expect((await listExecutions(ports, { subject: 'g1', status: 'RUNNING', limit: 10 }, {})).items).toEqual(
      [],
    );
  });
});

describe('getExecution', () => {
  it('describes an execution of a known workflow with its index entry, and 404 for anything else', async () => {
    const ports = freshPorts();
    ports.observer.record({
      executionName: 'registration--g1',
      workflow: 'registration',
      status: 'RUNNING',
      startDate: T0,
      // Identity numbers are masked wherever they slipped in (a free-text cause, a task's data).
      input: { registrationId: 'g1', note: 'applicant 11010519491231002X' },
      states: [],
    });
    await run(ports, 'registration--g1', 0, 'RUNNING', { registrationId: 'g1' });
    const detail = await getExecution(ports, 'registration--g1');
    expect(detail).toMatchObject({
      workflow: 'registration',
      status: 'RUNNING',
      subjects: ['g1'],
      humanTasks: [],
    });
    expect(JSON.stringify(detail)).not.toContain('11010519491231002X');
    expect(JSON.stringify(detail)).toContain('1101************2X');
    await expect(getExecution(ports, 'registration--missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getExecution(ports, 'unknown--g1')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('listExecutions refuses what it cannot answer (found by a tester)', () => {
  it('an empty time range, and a cursor position no listing gave out, are 400s', async () => {
    const ports = freshPorts();
    const empty = listExecutions(
      ports,
      { from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', limit: 5 },
      {},
    );
    await expect(empty).rejects.toMatchObject({ errors: [expect.objectContaining({ path: 'query.to' })] });
    for (const forged of [
      { registration: 5 },
      { bogus: 'x' },
      { registration: '0000#' },
      { registration: 'x'.repeat(2000) },
    ])
      await expect(listExecutions(ports, { limit: 5 }, forged as unknown as Position)).rejects.toMatchObject({
        errors: [expect.objectContaining({ path: 'query.cursor' })],
      });
  });

  it('pages through one case’s executions', async () => {
    const ports = freshPorts();
    await run(ports, 'name-reservation--r9--g0', 1, 'RUNNING', { reservationId: 'r9' });
    await run(ports, 'name-reservation--r9--g1', 2, 'RUNNING', { reservationId: 'r9' });
    const first = await listExecutions(ports, { subject: 'r9', limit: 1 }, {});
    expect(names(first.items)).toEqual(['name-reservation--r9--g1']);
    const second = await listExecutions(ports, { subject: 'r9', limit: 1 }, first.next as Position);
    expect(names(second.items)).toEqual(['name-reservation--r9--g0']);
    expect(second.next).toBeNull();
  });
});
