/** Lambda entry of functions/api/catalogue.ts: its handlers need no port. */
import { handlers } from '#api/catalogue';

export const { checklist, scope } = handlers();
