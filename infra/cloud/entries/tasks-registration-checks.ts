/** Lambda entry of functions/tasks/registration-checks.ts: its handlers over the cloud's ports. */
import { handlers } from '#tasks/registration-checks';
import { cloudPorts } from '../ports.ts';

export const { checkApplication, checkMaterials, compensate, decide, reject } = handlers(cloudPorts());
