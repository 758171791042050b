/** Lambda entry of functions/api/credit-codes.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/credit-codes';
import { cloudPorts } from '../ports.ts';

export const { check } = handlers(cloudPorts());
