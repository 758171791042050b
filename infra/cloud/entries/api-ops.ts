/** Lambda entry of functions/api/ops.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/ops';
import { cloudPorts } from '../ports.ts';

export const { getExecution, listExecutions } = handlers(cloudPorts());
