/**
 * Tasks of the name-reservation workflow. Each is idempotent: running it twice does what running it once
 * did, so an execution interrupted by a crash can start again from the beginning with its input.
 */
import { z } from 'zod';
import { DynamoReservationStore } from '#adapters/dynamo-reservations';
import { StepFunctionsEngine } from '#adapters/step-functions';
import { planWake as plan } from '#domain/reservation';
import { type Clock, systemClock } from '#ports/clock';
import type { ReservationStore } from '#ports/reservations';
import type { WorkflowEngine } from '#ports/workflows';
import { reservationExecutionName } from '#workflows/executions';
import { NAME_RESERVATION_WORKFLOW } from '#workflows/registry';
import { taskHandler } from './task.ts';

export interface LifecycleDeps {
  store: ReservationStore;
  engine: WorkflowEngine;
  clock: Clock;
}

let deps: LifecycleDeps | undefined;
const defaults = (): LifecycleDeps =>
  (deps ??= { store: new DynamoReservationStore(), engine: new StepFunctionsEngine(), clock: systemClock });

const ReservationRef = z.object({ reservationId: z.string().min(1).max(64) });
const GenerationRef = ReservationRef.extend({
  generation: z.number().int().min(0),
  generationStartedAt: z.iso.datetime(),
});

export function makeLifecycleTasks(get: () => LifecycleDeps = defaults) {
  return {
    planWake: taskHandler('PlanReservationWake', GenerationRef, async (input) => {
      const { store, clock } = get();
      const record = await store.get(input.reservationId);
      return plan(record, clock.now(), new Date(input.generationStartedAt));
    }),

    expire: taskHandler('ExpireReservation', ReservationRef, async (input) => {
      const { store, clock } = get();
      const record = await store.get(input.reservationId);
      if (record?.status !== 'reserved') return { expired: false, status: record?.status ?? 'missing' };
      const expired = await store.settle(record, 'expired', clock.now());
      return { expired, status: expired ? 'expired' : (await store.get(input.reservationId))?.status };
    }),

    continueAsNew: taskHandler(
      'ContinueReservation',
      GenerationRef.pick({ reservationId: true, generation: true }),
      async (input) => {
        const { engine, clock } = get();
        const generation = input.generation + 1;
        const name = reservationExecutionName(input.reservationId, generation);
        await engine.start(NAME_RESERVATION_WORKFLOW.name, name, {
          reservationId: input.reservationId,
          generation,
          generationStartedAt: clock.now().toISOString(),
        });
        return { executionId: name };
      },
    ),
  };
}

const tasks = makeLifecycleTasks();
export const planWake = tasks.planWake;
export const expire = tasks.expire;
export const continueAsNew = tasks.continueAsNew;
