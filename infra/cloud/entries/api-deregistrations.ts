/** Lambda entry of functions/api/deregistrations.ts: its handlers, over the adapters they use. */
import { clock, ids, settings } from '#adapters/wiring/basics';
import {
  deregistrations,
  enterprises,
  idempotency,
  registrations,
  registryLists,
} from '#adapters/wiring/dynamo';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#api/deregistrations';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { addEntry, announcements, confirm, file, getOne, listEntries, object, removeEntry } = handlers(
  traced(
    cloudPorts({
      clock,
      deregistrations,
      enterprises,
      idempotency,
      ids,
      registrations,
      registryLists,
      settings,
      workflows,
    }),
  ),
);
