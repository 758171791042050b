/** Lambda entry of functions/api/departments.ts: its handlers, over the adapters they use. */
import { clock, settings } from '#adapters/wiring/basics';
import { deliveries } from '#adapters/wiring/dynamo';
import { handlers } from '#api/departments';
import { cloudPorts, licensing, sealer } from '../ports.ts';
import { traced } from '../tracing.ts';

export const {
  departmentOverview,
  events,
  getWebhook,
  listDeliveries,
  putWebhook,
  receipt,
  reconciliation,
  redrive,
  skip,
} = handlers(traced(cloudPorts({ clock, deliveries, licensing, sealer, settings })));
