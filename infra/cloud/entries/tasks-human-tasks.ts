/** Lambda entry of functions/tasks/human-tasks.ts: its handlers, over the adapters they use. */
import { clock, settings } from '#adapters/wiring/basics';
import { humanTasks, notifications, registrations } from '#adapters/wiring/dynamo';
import { handlers } from '#tasks/human-tasks';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { escalateReview, openReview, openSupplement } = handlers(
  traced(cloudPorts({ clock, humanTasks, notifications, registrations, settings })),
);
