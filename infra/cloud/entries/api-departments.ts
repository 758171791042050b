/** Lambda entry of functions/api/departments.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/departments';
import { cloudPorts } from '../ports.ts';

export const { events, getWebhook, listDeliveries, putWebhook, receipt, reconciliation, redrive } = handlers(
  cloudPorts(),
);
