/** Lambda entry of functions/api/health.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/health';
import { cloudPorts } from '../ports.ts';

export const { handler } = handlers(cloudPorts());
