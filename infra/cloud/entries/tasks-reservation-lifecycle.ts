/** Lambda entry of functions/tasks/reservation-lifecycle.ts: its handlers, over the adapters they use. */
import { clock, settings } from '#adapters/wiring/basics';
import { notifications, reservations, startLedger } from '#adapters/wiring/dynamo';
import { nameIndex } from '#adapters/wiring/name-index';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#tasks/reservation-lifecycle';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { continueAsNew, expire, indexName, planWake, remind, unindexName } = handlers(
  traced(cloudPorts({ clock, nameIndex, notifications, reservations, settings, startLedger, workflows })),
);
