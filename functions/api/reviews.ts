/** The examiners' queue (api.md, Registration: reviews). */

import { assignReview, decideReview, listReviews } from '#app/registration/reviews';
import { ROUTE } from '#contract/routes';
import { queueEntry } from '#domain/human-task';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(
  ports: Pick<Ports, 'clock' | 'humanTasks' | 'registrations' | 'settings' | 'workflows'>,
) {
  return {
    listReviews: httpRoute(ROUTE.ListReviews, async ({ caller, query }) => {
      const page = await listReviews(ports, caller, query.cursor, query.limit);
      const now = ports.clock.now();
      return json(200, { items: page.items.map((t) => queueEntry(t, now)), nextCursor: page.nextCursor });
    }),

    decideReview: httpRoute(ROUTE.DecideReview, async ({ caller, params, body }) =>
      json(200, await decideReview(ports, caller, params.taskId, body.decision, body.reason)),
    ),

    assignReview: httpRoute(ROUTE.AssignReview, async ({ caller, params, body }) =>
      json(200, await assignReview(ports, caller, params.taskId, body.examiner)),
    ),
  };
}
