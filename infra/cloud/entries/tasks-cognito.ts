/** Lambda entry of functions/tasks/cognito.ts: the user pool's pre-token-generation trigger; no port. */
import { handlers } from '#tasks/cognito';

export const { preTokenGeneration } = handlers();
