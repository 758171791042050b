/** Lambda entry of functions/tasks/sweep.ts: its handlers over the cloud's ports. */
import { handlers } from '#tasks/sweep';
import { cloudPorts } from '../ports.ts';

export const { sweep } = handlers(cloudPorts());
