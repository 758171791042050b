/**
 * Two writes, one truth: a case whose write committed while its workflow start did not (the start failed,
 * or the process died between the two) is found and started by the sweep of owed starts, once.
 */
import { describe, expect, it, vi } from 'vitest';
import { indexReservedName } from '#app/names/reservation-lifecycle';
import { withdrawRegistration } from '#app/registration/applicant-actions';
import { submitRegistration } from '#app/registration/submit';
import { sweepOwedStarts } from '#app/sweep';
import { registrationExecutionName, reservationExecutionName } from '#contract/executions';
import { NAME_RESERVATION_WORKFLOW, REGISTRATION_WORKFLOW } from '#contract/workflows';
import { handlers, SweepIncomplete } from '#tasks/sweep';
import { application } from '../registration/fixtures.ts';
import {
  alice,
  checked,
  freshPorts,
  requiredMaterials,
  reserve,
  submitted,
  T0,
  type TestPorts,
} from './support.ts';

const MINUTE = 60_000;
const OWNER = { sub: alice.sub, idHash: alice.idHash! };

/** The process dies after the write and before the start: the next start fails once. */
function dieBeforeNextStart(ports: TestPorts) {
  vi.spyOn(ports.workflows, 'start').mockRejectedValueOnce(new Error('the process died'));
}

describe('the owed start of a reservation', () => {
  it('is written with the reservation, and is exactly what reserveName starts', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    const [owed] = ports.startLedger.pending();
    expect(owed).toEqual({
      workflow: NAME_RESERVATION_WORKFLOW.name,
      executionName: reservationExecutionName(record.id, 0),
      input: ports.workflows.started[0]?.input,
      since: record.reservedAt,
    });
    expect(ports.workflows.started).toEqual([
      { workflow: owed?.workflow, executionName: owed?.executionName, input: owed?.input },
    ]);
  });

  it('is started by the sweep when the process died before starting it, once', async () => {
    const ports = freshPorts();
    dieBeforeNextStart(ports);
    await expect(reserve(ports, alice)).rejects.toThrow('the process died');
    const [record] = (await ports.reservations.listOwned(OWNER, undefined, 10)).items;
    expect(record?.status).toBe('reserved');
    expect(ports.workflows.started).toEqual([]);

    // Too young for the default sweep: it may be being started right now.
    expect(await sweepOwedStarts(ports)).toMatchObject({ started: 0, settled: 0, failed: 0 });
    ports.clock.advance(2 * MINUTE);
    expect(await sweepOwedStarts(ports)).toMatchObject({ started: 1, settled: 1, failed: 0 });
    expect(ports.workflows.started).toEqual([
      {
        workflow: NAME_RESERVATION_WORKFLOW.name,
        executionName: reservationExecutionName(record!.id, 0),
        input: { reservationId: record!.id, generation: 0, generationStartedAt: record!.reservedAt },
      },
    ]);
    expect(ports.startLedger.pending()).toEqual([]);

    expect(await sweepOwedStarts(ports)).toMatchObject({ started: 0, settled: 0 });
    expect(ports.workflows.started).toHaveLength(1);
  });

  it('is settled by the workflow’s first step, and a settled start is not started again', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    expect(ports.startLedger.pending()).toHaveLength(1);
    await indexReservedName(ports, record.id);
    expect(ports.startLedger.pending()).toEqual([]);
    ports.clock.advance(2 * MINUTE);
    const start = vi.spyOn(ports.workflows, 'start');
    expect(await sweepOwedStarts(ports, { olderThanMs: 0 })).toMatchObject({ started: 0, settled: 0 });
    expect(start).not.toHaveBeenCalled();
  });

  it('is settled by the first step even when the reservation was released before it ran', async () => {
    const ports = freshPorts();
    const record = await reserve(ports, alice);
    await ports.reservations.settle(record, 'released', T0);
    expect(await indexReservedName(ports, record.id)).toEqual({ indexed: false });
    expect(ports.startLedger.pending()).toEqual([]);
  });
});

describe('the owed start of a registration', () => {
  async function submitDying(ports: TestPorts) {
    const reservation = await reserve(ports, alice);
    const materials = await requiredMaterials(ports, alice);
    const app = application('limited_liability_company', { reservationId: reservation.id, materials });
    dieBeforeNextStart(ports);
    await expect(submitRegistration(ports, alice, app, { kind: 'online' })).rejects.toThrow('died');
    const [registration] = (await ports.registrations.listOwned(OWNER, undefined, 10)).items;
    if (!registration) throw new Error('the registration was not written');
    return registration;
  }

  it('is started by the sweep when the process died before starting it, once', async () => {
    const ports = freshPorts();
    const registration = await submitDying(ports);
    expect(registration.status).toBe('submitted');
    expect(ports.workflows.startsOf(REGISTRATION_WORKFLOW.name)).toEqual([]);

    ports.clock.advance(2 * MINUTE);
    // The reservation's own start is owed too (its workflow has not run its first step here).
    expect(await sweepOwedStarts(ports)).toMatchObject({ started: 2, settled: 2, failed: 0 });
    expect(ports.workflows.startsOf(REGISTRATION_WORKFLOW.name)).toEqual([
      {
        workflow: REGISTRATION_WORKFLOW.name,
        executionName: registrationExecutionName(registration.id),
        input: { registrationId: registration.id },
      },
    ]);
    const before = ports.workflows.started.length;
    expect(await sweepOwedStarts(ports)).toMatchObject({ started: 0, settled: 0 });
    expect(ports.workflows.started).toHaveLength(before);
  });

  it('is written with the registration, and is exactly what the submission starts', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports);
    const owed = ports.startLedger
      .pending()
      .find((s) => s.executionName === registrationExecutionName(registration.id));
    expect(owed).toEqual({
      ...ports.workflows.startsOf(REGISTRATION_WORKFLOW.name)[0],
      since: registration.createdAt,
    });
  });

  it('is settled by the write that consumes its reservation', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await checked(ports);
    expect((await ports.registrations.getReservation(reservation.id))?.status).toBe('consumed');
    const names = ports.startLedger.pending().map((s) => s.executionName);
    expect(names).not.toContain(registrationExecutionName(registration.id));
  });

  it('is settled when the case ends before its workflow ran: a withdrawn case is not started', async () => {
    const ports = freshPorts();
    const registration = await submitDying(ports);
    await withdrawRegistration(ports, alice, registration.id);
    ports.clock.advance(2 * MINUTE);
    await sweepOwedStarts(ports);
    expect(ports.workflows.startsOf(REGISTRATION_WORKFLOW.name)).toEqual([]);
  });
});

describe('sweepOwedStarts', () => {
  it('pages through every owed start, oldest first', async () => {
    const ports = freshPorts();
    for (let i = 0; i < 5; i++) {
      dieBeforeNextStart(ports);
      await expect(reserve(ports, alice, `深圳市青云${'一二三四五'[i]}科技有限公司`)).rejects.toThrow();
      ports.clock.advance(1000);
    }
    expect(ports.workflows.started).toEqual([]);
    expect(await sweepOwedStarts(ports, { olderThanMs: 0, limit: 2 })).toMatchObject({
      started: 5,
      settled: 5,
    });
    const since = ports.workflows.started.map((s) => s.input.generationStartedAt as string);
    expect(since).toEqual([...since].sort());
    expect(ports.startLedger.pending()).toEqual([]);
  });

  it('leaves a start that fails owed, for the next sweep, and goes on with the others', async () => {
    const ports = freshPorts();
    for (const name of ['深圳市青云甲科技有限公司', '深圳市青云乙科技有限公司']) {
      dieBeforeNextStart(ports);
      await expect(reserve(ports, alice, name)).rejects.toThrow();
      ports.clock.advance(1000);
    }
    dieBeforeNextStart(ports);
    const first = await sweepOwedStarts(ports, { olderThanMs: 0 });
    expect(first).toMatchObject({ started: 1, settled: 1, failed: 1 });
    expect(first.failures).toEqual([{ executionName: expect.any(String), error: 'Error' }]);
    expect(ports.startLedger.pending()).toHaveLength(1);
    expect(await sweepOwedStarts(ports, { olderThanMs: 0 })).toMatchObject({ started: 1, failed: 0 });
    expect(ports.startLedger.pending()).toEqual([]);
  });
});

describe('the scheduled sweep task', () => {
  const scheduled = { 'detail-type': 'Scheduled Event', source: 'aws.events', time: T0.toISOString() };

  it('takes a scheduled event and answers with counts', async () => {
    const ports = freshPorts();
    dieBeforeNextStart(ports);
    await expect(reserve(ports, alice)).rejects.toThrow();
    ports.clock.advance(2 * MINUTE);
    const { sweep } = handlers(ports);
    expect(await sweep(scheduled)).toEqual({ started: 1, settled: 1, failed: 0 });
    expect(await sweep(scheduled)).toEqual({ started: 0, settled: 0, failed: 0 });
  });

  it('fails when a start could not be made, leaving it owed', async () => {
    const ports = freshPorts();
    dieBeforeNextStart(ports);
    await expect(reserve(ports, alice)).rejects.toThrow();
    ports.clock.advance(2 * MINUTE);
    dieBeforeNextStart(ports);
    await expect(handlers(ports).sweep(scheduled)).rejects.toThrow(SweepIncomplete);
    expect(ports.startLedger.pending()).toHaveLength(1);
  });

  it('refuses anything but a scheduled event', async () => {
    await expect(handlers(freshPorts()).sweep({ reservationId: 'x' })).rejects.toThrow('SweepOwedStarts');
  });
});
