/** Lambda entry of functions/api/licenses.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/licenses';
import { cloudPorts } from '../ports.ts';

export const { getOne, getVersion, pdf, verify, jwks, statusList } = handlers(cloudPorts());
