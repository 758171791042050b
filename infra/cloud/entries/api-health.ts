/** Lambda entry of functions/api/health.ts: its handlers need no port. */
import { handlers } from '#api/health';

export const { handler } = handlers();
