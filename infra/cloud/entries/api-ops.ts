/** Lambda entry of functions/api/ops.ts: its handlers, over the adapters they use. */
import { observer } from '#adapters/wiring/step-functions';
import { handlers } from '#api/ops';
import { cloudPorts } from '../ports.ts';

export const { getExecution, listExecutions } = handlers(cloudPorts({ observer }));
