/** Lambda entry of functions/api/ops.ts: its handlers, over the adapters they use. */
import { clock } from '#adapters/wiring/basics';
import { deliveries, executions, humanTasks, registrations } from '#adapters/wiring/dynamo';
import { observer } from '#adapters/wiring/step-functions';
import { handlers } from '#api/ops';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { getExecution, listExecutions, listOverdueTasks, listWorkflows, overview } = handlers(
  traced(cloudPorts({ clock, deliveries, executions, humanTasks, observer, registrations })),
);
