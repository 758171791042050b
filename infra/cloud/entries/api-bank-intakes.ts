/** Lambda entry of functions/api/bank-intakes.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/bank-intakes';
import { cloudPorts } from '../ports.ts';

export const { create, getOne, handover, list } = handlers(cloudPorts());
