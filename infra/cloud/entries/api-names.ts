/** Lambda entry of functions/api/names.ts: its handlers, over the adapters they use. */
import { clock, ids, settings } from '#adapters/wiring/basics';
import { idempotency, reservations } from '#adapters/wiring/dynamo';
import { metrics } from '#adapters/wiring/metrics';
import { nameIndex } from '#adapters/wiring/name-index';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#api/names';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { check, getOne, list, release, reserve, search } = handlers(
  traced(cloudPorts({ clock, idempotency, ids, metrics, nameIndex, reservations, settings, workflows })),
);
