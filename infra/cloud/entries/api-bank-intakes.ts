/** Lambda entry of functions/api/bank-intakes.ts: its handlers, over the adapters they use. */
import { clock, ids } from '#adapters/wiring/basics';
import { bankIntakes, idempotency, licenses, materials, registrations } from '#adapters/wiring/dynamo';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#api/bank-intakes';
import { cloudPorts, sealer } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { create, getOne, handover, list } = handlers(
  traced(
    cloudPorts({
      bankIntakes,
      clock,
      idempotency,
      ids,
      licenses,
      materials,
      registrations,
      sealer,
      workflows,
    }),
  ),
);
