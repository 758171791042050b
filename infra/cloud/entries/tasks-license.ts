/** Lambda entry of functions/tasks/license.ts: its handlers over the cloud's ports. */
import { handlers } from '#tasks/license';
import { cloudPorts } from '../ports.ts';

export const { issueLicense } = handlers(cloudPorts());
