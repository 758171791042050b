/** Lambda entry of functions/api/names.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/names';
import { cloudPorts } from '../ports.ts';

export const { check, getOne, list, release, reserve, search } = handlers(cloudPorts());
