/** Lambda entry of functions/tasks/registration-completion.ts: its handlers over the cloud's ports. */
import { handlers } from '#tasks/registration-completion';
import { cloudPorts } from '../ports.ts';

export const { assignCreditCode, registerEnterprise } = handlers(cloudPorts());
