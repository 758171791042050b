/** Lambda entry of functions/api/openapi.ts: its handlers need no port. */
import { handlers } from '#api/openapi';

export const { handler } = handlers();
