/** Lambda entry of functions/api/credit-codes.ts: its handlers need no port. */
import { handlers } from '#api/credit-codes';

export const { check } = handlers();
