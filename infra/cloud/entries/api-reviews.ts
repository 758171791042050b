/** Lambda entry of functions/api/reviews.ts: its handlers over the cloud's ports. */
import { handlers } from '#api/reviews';
import { cloudPorts } from '../ports.ts';

export const { assignReview, decideReview, listReviews } = handlers(cloudPorts());
