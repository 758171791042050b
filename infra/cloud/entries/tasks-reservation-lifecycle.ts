/** Lambda entry of functions/tasks/reservation-lifecycle.ts: its handlers over the cloud's ports. */
import { handlers } from '#tasks/reservation-lifecycle';
import { cloudPorts } from '../ports.ts';

export const { continueAsNew, expire, indexName, planWake, remind, unindexName } = handlers(cloudPorts());
