/** Lambda entry of functions/api/notifications.ts: its handlers, over the adapters they use. */
import { notifications } from '#adapters/wiring/dynamo';
import { handlers } from '#api/notifications';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { list } = handlers(traced(cloudPorts({ notifications })));
