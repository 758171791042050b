/**
 * Tasks of the name-reservation workflow. Each is idempotent: running it twice does what running it once
 * did, so an execution interrupted by a crash can start again from the beginning with its input.
 */
import { z } from 'zod';
import { optionalEnv } from '#adapters/config';
import { DynamoNameIndex } from '#adapters/dynamo-name-index';
import { DynamoNotificationStore } from '#adapters/dynamo-notifications';
import { DynamoReservationStore } from '#adapters/dynamo-reservations';
import { StepFunctionsEngine } from '#adapters/step-functions';
import { exactSpanMs, parseDuration } from '#domain/legal-time';
import { reservationIndexing } from '#domain/names/index-entries';
import { expiringReservationNotice } from '#domain/notices';
import { planWake as plan } from '#domain/reservation';
import { type Clock, systemClock } from '#ports/clock';
import type { NameIndex } from '#ports/name-index';
import type { NotificationStore } from '#ports/notifications';
import type { ReservationStore } from '#ports/reservations';
import type { WorkflowEngine } from '#ports/workflows';
import { reservationExecutionName } from '#workflows/executions';
import { NAME_RESERVATION_WORKFLOW } from '#workflows/registry';
import { taskHandler } from './task.ts';

export interface LifecycleDeps {
  store: ReservationStore;
  index: NameIndex;
  notifications: NotificationStore;
  engine: WorkflowEngine;
  clock: Clock;
  reminderLeadMs: number;
}

let deps: LifecycleDeps | undefined;
const defaults = (): LifecycleDeps =>
  (deps ??= {
    store: new DynamoReservationStore(),
    index: new DynamoNameIndex(),
    notifications: new DynamoNotificationStore(),
    engine: new StepFunctionsEngine(),
    clock: systemClock,
    reminderLeadMs: exactSpanMs(
      parseDuration(optionalEnv('NAME_RESERVATION_REMINDER_LEAD', 'P14D')),
      'NAME_RESERVATION_REMINDER_LEAD',
    ),
  });

const ReservationRef = z.object({ reservationId: z.string().min(1).max(64) });
const GenerationRef = ReservationRef.extend({
  generation: z.number().int().min(0),
  generationStartedAt: z.iso.datetime(),
});

export function makeLifecycleTasks(get: () => LifecycleDeps = defaults) {
  return {
    indexName: taskHandler('IndexReservedName', ReservationRef, async (input) => {
      const { store, index } = get();
      const record = await store.get(input.reservationId);
      if (record?.status !== 'reserved') return { indexed: false };
      const { member, entries } = reservationIndexing(record);
      await index.add(record.lock.scope, member, entries);
      return { indexed: true };
    }),

    planWake: taskHandler('PlanReservationWake', GenerationRef, async (input) => {
      const { store, clock, reminderLeadMs } = get();
      const record = await store.get(input.reservationId);
      return plan(record, clock.now(), new Date(input.generationStartedAt), reminderLeadMs);
    }),

    remind: taskHandler('RemindHolder', ReservationRef, async (input) => {
      const { store, notifications, clock } = get();
      const record = await store.get(input.reservationId);
      if (record?.status !== 'reserved') return { reminded: false };
      const now = clock.now();
      // The notice first, then the mark: a crash between them repeats a notice that is recorded once.
      await notifications.notify(expiringReservationNotice(record, now));
      await store.markReminded(record.id, now);
      return { reminded: true };
    }),

    expire: taskHandler('ExpireReservation', ReservationRef, async (input) => {
      const { store, clock } = get();
      const record = await store.get(input.reservationId);
      if (record?.status !== 'reserved') return { expired: false, status: record?.status ?? 'missing' };
      const expired = await store.settle(record, 'expired', clock.now());
      return { expired, status: expired ? 'expired' : (await store.get(input.reservationId))?.status };
    }),

    unindexName: taskHandler('UnindexName', ReservationRef, async (input) => {
      const { store, index } = get();
      const record = await store.get(input.reservationId);
      if (!record || record.status === 'reserved') return { unindexed: false };
      const { entries } = reservationIndexing(record);
      await index.remove(record.lock.scope, record.id, entries);
      return { unindexed: true };
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
export const indexName = tasks.indexName;
export const planWake = tasks.planWake;
export const remind = tasks.remind;
export const expire = tasks.expire;
export const unindexName = tasks.unindexName;
export const continueAsNew = tasks.continueAsNew;
