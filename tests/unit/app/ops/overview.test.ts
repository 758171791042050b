import { describe, expect, it } from 'vitest';
import { getExecution } from '#app/ops/executions';
import { indexStatusChange } from '#app/ops/index-execution';
import { listOverdueTasks } from '#app/ops/overdue';
import { opsOverview } from '#app/ops/overview';
import type { Caller } from '#domain/caller';
import { DAY, freshPorts, inReview, T0 } from '../support.ts';

const operator: Caller = { sub: 'op-1', role: 'operator' };
const HOUR = 3_600_000;

describe('opsOverview', () => {
  it('counts per workflow and status, hour by hour, with the recent failures and each authority’s issuance', async () => {
    const ports = freshPorts();
    const t = T0.getTime();
    const end = (name: string, status: string, output: unknown, stopAt: number, startAt = t - 2 * HOUR) =>
      indexStatusChange(ports, {
        name,
        status,
        startDate: startAt,
        stopDate: stopAt,
        output: JSON.stringify(output),
      });
    await indexStatusChange(ports, { name: 'registration--a', status: 'RUNNING', startDate: t - 2 * HOUR });
    await end(
      'registration--a',
      'SUCCEEDED',
      {
        check: { facts: { authority: '440304' } },
        decision: { by: 'rules' },
        enterprise: { creditCode: 'C1' },
      },
      t - HOUR,
    );
    await end(
      'registration--b',
      'SUCCEEDED',
      {
        check: { facts: { authority: '440304' } },
        decision: { by: 'examiner' },
        enterprise: { creditCode: 'C2' },
      },
      t - HOUR,
    );
    await end('registration--c', 'FAILED', {}, t - 10 * 60_000);
    await indexStatusChange(ports, { name: 'deregistration--d', status: 'RUNNING', startDate: t - 30 * DAY });

    const o = await opsOverview(ports, operator);
    const registration = o.workflows.find((w) => w.workflow === 'registration')!;
    expect(registration.counts).toEqual({ RUNNING: 0, SUCCEEDED: 2, FAILED: 1, TIMED_OUT: 0, ABORTED: 0 });
    expect(o.workflows.find((w) => w.workflow === 'deregistration')?.counts.RUNNING).toBe(1);
    expect(registration.throughput).toHaveLength(24);
    expect(registration.throughput.reduce((n, h) => n + h.started, 0)).toBe(3);
    expect(registration.throughput.reduce((n, h) => n + h.succeeded, 0)).toBe(2);
    // The month-old start is outside the last 24 hours.
    expect(
      o.workflows.find((w) => w.workflow === 'deregistration')?.throughput.every((h) => h.started === 0),
    ).toBe(true);
    expect(o.failures).toMatchObject({ last24h: 1, recent: [{ name: 'registration--c', status: 'FAILED' }] });
    expect(o.issuance).toEqual([{ authority: '440304', decided: 2, onTheSpot: 1, rate: 0.5 }]);
    expect(o.deliveries.departments.length).toBeGreaterThan(0);
    expect(o.overdueTasks).toEqual({ count: 0, oldest: [] });
  });

  it('shows a review past its deadline as overdue, in the overview, its list and its execution', async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports);
    expect((await listOverdueTasks(ports, undefined, 10)).items).toEqual([]);
    ports.clock.advance(60 * DAY);
    const overdue = await listOverdueTasks(ports, undefined, 10);
    expect(overdue.items).toMatchObject([{ registrationId: registration.id, kind: 'review' }]);
    expect(overdue.items[0]!.overdueSeconds).toBeGreaterThan(0);
    expect((await opsOverview(ports, operator)).overdueTasks.count).toBe(1);

    // Escalated, the supervisors' wait gets a new deadline: the task stays overdue from its first one.
    const task = (await ports.humanTasks.get(overdue.items[0]!.taskId))!;
    const later = new Date(ports.clock.now().getTime() + 10 * DAY).toISOString();
    await ports.humanTasks.open({ ...task, deadline: later });
    const still = await listOverdueTasks(ports, undefined, 10);
    expect(still.items).toMatchObject([{ taskId: task.taskId, deadline: task.deadline }]);

    ports.observer.record({
      executionName: `registration--${registration.id}`,
      workflow: 'registration',
      status: 'RUNNING',
      startDate: T0,
      input: { registrationId: registration.id },
      states: [],
    });
    const detail = await getExecution(ports, `registration--${registration.id}`);
    expect(detail.humanTasks).toMatchObject([{ kind: 'review', status: 'open', overdue: true }]);
  });
});
