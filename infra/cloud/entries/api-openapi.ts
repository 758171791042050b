/** Lambda entry of functions/api/openapi.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/openapi';
import { cloudPorts } from '../ports.ts';

export const { handler } = handlers(cloudPorts());
