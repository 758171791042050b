/** Lambda entry of functions/api/catalogue.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/catalogue';
import { cloudPorts } from '../ports.ts';

export const { checklist, scope } = handlers(cloudPorts());
