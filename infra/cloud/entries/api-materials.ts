/** Lambda entry of functions/api/materials.ts: its handlers, over the adapters they use. */
import { clock, ids } from '#adapters/wiring/basics';
import { idempotency, materials } from '#adapters/wiring/dynamo';
import { documents } from '#adapters/wiring/s3';
import { handlers } from '#api/materials';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { create } = handlers(traced(cloudPorts({ clock, documents, idempotency, ids, materials })));
