/** Lambda entry of functions/api/reviews.ts: its handlers, over the adapters they use. */
import { clock, settings } from '#adapters/wiring/basics';
import { humanTasks, registrations } from '#adapters/wiring/dynamo';
import { workflows } from '#adapters/wiring/step-functions';
import { handlers } from '#api/reviews';
import { cloudPorts } from '../ports.ts';
import { traced } from '../tracing.ts';

export const { assignReview, decideReview, listReviews } = handlers(
  traced(cloudPorts({ clock, humanTasks, registrations, settings, workflows })),
);
