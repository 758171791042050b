/** Lambda entry of functions/api/notifications.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/notifications';
import { cloudPorts } from '../ports.ts';

export const { list } = handlers(cloudPorts());
