/** Lambda entry of functions/tasks/human-tasks.ts: its handlers over the cloud's ports. */
import { handlers } from '#tasks/human-tasks';
import { cloudPorts } from '../ports.ts';

export const { escalateReview, openReview, openSupplement } = handlers(cloudPorts());
