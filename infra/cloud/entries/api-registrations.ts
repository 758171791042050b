/** Lambda entry of functions/api/registrations.ts: its handlers, over the adapters they use. */
import { clock, ids } from '#adapters/wiring/basics';
import { humanTasks, idempotency, registrations } from '#adapters/wiring/dynamo';
import { nameIndex } from '#adapters/wiring/name-index';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#api/registrations';
import { cloudPorts, licensing, sealer } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { getOne, list, submit, supplement, withdraw } = handlers(
  traced(
    cloudPorts({
      clock,
      humanTasks,
      idempotency,
      ids,
      licensing,
      nameIndex,
      registrations,
      sealer,
      workflows,
    }),
  ),
);
