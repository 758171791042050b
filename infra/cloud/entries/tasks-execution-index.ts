/** Lambda entry of functions/tasks/execution-index.ts: the index's writer, fed by EventBridge. */
import { executions } from '#adapters/wiring/dynamo';
import { handlers } from '#tasks/execution-index';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { statusChanged } = handlers(traced(cloudPorts({ executions })));
