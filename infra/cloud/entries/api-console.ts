/** Lambda entry of functions/api/console.ts: its handlers need no port (the files are beside the bundle). */
import { handlers } from '#api/console';

export const { page, asset } = handlers();
