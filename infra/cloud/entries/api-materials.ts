/** Lambda entry of functions/api/materials.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/materials';
import { cloudPorts } from '../ports.ts';

export const { create } = handlers(cloudPorts());
