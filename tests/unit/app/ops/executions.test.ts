import { describe, expect, it } from 'vitest';
import { getExecution, listExecutions, type Position } from '#app/ops/executions';
import { NotFoundError, ValidationError } from '#domain/errors';
import type { ExecutionStatus } from '#ports/observer';
import { freshPorts, T0, type TestPorts } from '../support.ts';

function record(
  ports: TestPorts,
  workflow: string,
  name: string,
  minutes: number,
  status: ExecutionStatus = 'RUNNING',
) {
  ports.observer.record({
    executionName: `${workflow}--${name}`,
    workflow,
    status,
    startDate: new Date(T0.getTime() + minutes * 60_000),
    input: {},
    states: [],
  });
}

describe('listExecutions', () => {
  it('refuses an unknown workflow at query.workflow', async () => {
    const ports = freshPorts();
    const refused = listExecutions(ports, { workflow: 'liquidation', limit: 10 }, {});
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'query.workflow' })],
    });
  });

  it('pages over several workflows with one cursor, newest first, each keeping its place', async () => {
    const ports = freshPorts();
    record(ports, 'name-reservation', 'r1', 1);
    record(ports, 'name-reservation', 'r2', 3);
    record(ports, 'registration', 'g1', 2);
    const names = (items: { executionName: string }[]) => items.map((e) => e.executionName);

    // At most `limit` a page, whatever the number of workflows (found by a new user).
    const first = await listExecutions(ports, { limit: 1 }, {});
    expect(names(first.items)).toEqual(['name-reservation--r2']);
    const second = await listExecutions(ports, { limit: 1 }, first.next as Position);
    expect(names(second.items)).toEqual(['registration--g1']);
    const third = await listExecutions(ports, { limit: 1 }, second.next as Position);
    expect(names(third.items)).toEqual(['name-reservation--r1']);
    expect(third.next).toBeNull();
    const all = await listExecutions(ports, { limit: 2 }, {});
    expect(names(all.items)).toEqual(['name-reservation--r2', 'registration--g1']);
  });

  it('filters by workflow and status', async () => {
    const ports = freshPorts();
    record(ports, 'name-reservation', 'r1', 1, 'SUCCEEDED');
    record(ports, 'name-reservation', 'r2', 2);
    record(ports, 'registration', 'g1', 3, 'SUCCEEDED');
    const done = await listExecutions(
      ports,
      { workflow: 'name-reservation', status: 'SUCCEEDED', limit: 10 },
      {},
    );
    expect(done.items.map((e) => e.executionName)).toEqual(['name-reservation--r1']);
    expect(done.next).toBeNull();
  });
});

describe('getExecution', () => {
  it('describes an execution of a known workflow, and 404 for anything else', async () => {
    const ports = freshPorts();
    record(ports, 'registration', 'g1', 0);
    expect(await getExecution(ports, 'registration--g1')).toMatchObject({
      workflow: 'registration',
      status: 'RUNNING',
    });
    await expect(getExecution(ports, 'registration--missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getExecution(ports, 'unknown--g1')).rejects.toBeInstanceOf(NotFoundError);
  });
});
