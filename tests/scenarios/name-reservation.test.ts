/**
 * The name-reservation workflow, in-process: workflows/name-reservation.asl.json on the in-memory ports.
 * Its waits sleep a few milliseconds and then plan again from the manual clock, so a test moves the
 * clock to where the case should be (the reminder, the deadline, the generation limit) and the next
 * wake acts on it, as it would at that time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { releaseReservation } from '#app/names/reservations';
import { NAME_RESERVATION_WORKFLOW } from '#contract/workflows';
import type { ReservationRecord } from '#domain/reservation';
import { applicant, registrationOf, reservationExecution, reserve, submit, uniqueName } from './actors.ts';
import { DAY, enteredCount, ScenarioHarness, statesEntered } from './harness.ts';

let h: ScenarioHarness;
afterEach(() => h?.dispose());

/** A reservation whose workflow has indexed the name and sleeps until its next wake. */
async function reserved(options: { preApprovalRequired?: boolean } = {}) {
  h = await ScenarioHarness.create();
  const name = uniqueName();
  const record = await reserve(h, name, options);
  const executionName = reservationExecution(record.id);
  await h.entered(executionName, 'WaitUntilWake');
  return { record, name, trade: name.slice(3, 6), executionName };
}

const statusOf = async (id: string) => (await h.ports.reservations.get(id))?.status;
const indexedIds = async (trade: string) => (await h.ports.nameIndex.search(trade)).map((m) => m.id);
const reminders = async () =>
  (await h.ports.notifications.listOwned({ sub: applicant.sub }, undefined, 100)).items.filter(
    (n) => n.kind === 'reservation.expiring',
  );

describe('name reservation: through time', () => {
  it('indexes the name at once, and sleeps until the earlier of the reminder and a 20-day step', async () => {
    const { record, trade, executionName } = await reserved();
    expect(await indexedIds(trade)).toEqual([record.id]);
    const execution = h.executions.get(executionName)!;
    expect(execution.input).toEqual({
      reservationId: record.id,
      generation: 0,
      generationStartedAt: record.reservedAt,
    });
    const plan = execution.events.find(
      (e) => e.type === 'StateExited' && e.state.name === 'PlanReservationWake',
    );
    expect(plan?.type === 'StateExited' && plan.state.output).toMatchObject({
      plan: { action: 'wait', wakeAt: new Date(Date.parse(record.reservedAt) + 20 * DAY).toISOString() },
    });
  });

  it('expires at the deadline: status expired, the lock freed, the name out of the index', async () => {
    const { record, name, trade, executionName } = await reserved();
    h.ports.clock.set(record.expiresAt);
    const execution = await h.ended(executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution).slice(-4)).toEqual([
      'WhatNext',
      'ExpireReservation',
      'UnindexName',
      'ReservationSettled',
    ]);
    expect(await statusOf(record.id)).toBe('expired');
    expect(h.ports.reservations.holders(record.lock)).toEqual([]);
    expect(await indexedIds(trade)).toEqual([]);
    // The name is free: someone else reserves it.
    const again = await reserve(h, name, { caller: { sub: 'someone-else', role: 'applicant' } });
    expect(again.status).toBe('reserved');
  });

  it('reminds the holder once, 14 days before the deadline, then expires', async () => {
    const { record, executionName } = await reserved();
    const reminderAt = Date.parse(record.expiresAt) - 14 * DAY;
    h.ports.clock.set(new Date(reminderAt + 60_000));
    await h.entered(executionName, 'RemindHolder');
    const execution = h.executions.get(executionName)!;
    // Several wakes later (the clock still at the reminder), no second notice.
    const plans = enteredCount(execution, 'PlanReservationWake');
    await h.entered(executionName, 'PlanReservationWake', plans + 3);
    expect(await reminders()).toEqual([
      expect.objectContaining({
        id: `reservation.expiring:${record.id}`,
        subject: { type: 'reservation', id: record.id },
      }),
    ]);
    expect((await h.ports.reservations.get(record.id))?.remindedAt).toBe(
      new Date(reminderAt + 60_000).toISOString(),
    );

    h.ports.clock.set(record.expiresAt);
    expect((await h.ended(executionName)).status).toBe('SUCCEEDED');
    expect(enteredCount(execution, 'RemindHolder')).toBe(1);
    expect(await reminders()).toHaveLength(1);
    expect(await statusOf(record.id)).toBe('expired');
  });

  it('ends without expiring a released reservation', async () => {
    const { record, trade, executionName } = await reserved();
    const released: ReservationRecord = await releaseReservation(h.ports, applicant, record.id);
    expect(released.status).toBe('released');
    const execution = await h.ended(executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).not.toContain('ExpireReservation');
    expect(statesEntered(execution).slice(-2)).toEqual(['UnindexName', 'ReservationSettled']);
    expect(await statusOf(record.id)).toBe('released');
    expect(await indexedIds(trade)).toEqual([]);
  });

  it('ends when a registration consumes it; the name stays indexed as the registered enterprise', async () => {
    const { record, trade, executionName } = await reserved();
    const s = await submit(h, { reservationId: record.id });
    expect((await h.ended(s.executionName)).status).toBe('SUCCEEDED');
    const execution = await h.ended(executionName);
    expect(execution.status).toBe('SUCCEEDED');
    expect(statesEntered(execution)).not.toContain('ExpireReservation');
    expect(statesEntered(execution).slice(-3)).toEqual(['WhatNext', 'UnindexName', 'ReservationSettled']);
    expect(await statusOf(record.id)).toBe('consumed');
    const { creditCode } = await registrationOf(h, s.registration.id);
    expect(await indexedIds(trade)).toEqual([creditCode]);
  });

  it('continues as a new execution before the one-year limit, with the same reservation', async () => {
    // A one-year reservation (pre-approval), 301 days on: past the 300-day generation limit, before the reminder.
    const { record, trade, executionName } = await reserved({ preApprovalRequired: true });
    const now = h.ports.clock.set(new Date(Date.parse(record.reservedAt) + 301 * DAY));
    const first = await h.ended(executionName);
    expect(first.status).toBe('SUCCEEDED');
    expect(statesEntered(first).slice(-2)).toEqual(['WhatNext', 'ContinueAsNewExecution']);
    expect(first.output).toMatchObject({ continuedAs: { executionId: reservationExecution(record.id, 1) } });

    const next = reservationExecution(record.id, 1);
    expect(next).toBe(`name-reservation--${record.id}--g1`);
    expect(h.ports.workflows.startsOf(NAME_RESERVATION_WORKFLOW.name).map((s) => s.executionName)).toEqual([
      executionName,
      next,
    ]);
    const second = await h.entered(next, 'WaitUntilWake');
    expect(second.input).toEqual({
      reservationId: record.id,
      generation: 1,
      generationStartedAt: now.toISOString(),
    });
    expect(second.status).toBe('RUNNING');
    expect(await statusOf(record.id)).toBe('reserved');
    expect(await indexedIds(trade)).toEqual([record.id]);
  });
});
