/** Lambda entry of functions/api/registrations.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/registrations';
import { cloudPorts } from '../ports.ts';

export const { getOne, list, submit, supplement, withdraw } = handlers(cloudPorts());
