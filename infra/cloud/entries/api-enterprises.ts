/** Lambda entry of functions/api/enterprises.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/enterprises';
import { cloudPorts } from '../ports.ts';

export const { getOne, orderNameCorrection } = handlers(cloudPorts());
