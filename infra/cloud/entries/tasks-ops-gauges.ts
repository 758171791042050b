/** Lambda entry of functions/tasks/ops-gauges.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { deliveries, executions, humanTasks } from '#adapters/wiring/dynamo';
import { metrics } from '#adapters/wiring/metrics';
import { handlers } from '#tasks/ops-gauges';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { publishGauges } = handlers(
  traced(cloudPorts({ clock, deliveries, executions, humanTasks, metrics })),
);
