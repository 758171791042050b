/**
 * The human steps of the registration workflow, each opened by a callback task (`.waitForTaskToken`):
 * an examiner's review and an applicant's supplement.
 */
import * as z from 'zod';
import { escalateReview, openReview, openSupplement } from '#app/registration/human-steps';
import type { Reason } from '#domain/registration/types';
import type { Ports } from '#ports/ports';
import { taskHandler } from './task.ts';

const Callback = z.object({
  registrationId: z.string().min(1).max(64),
  taskToken: z.string().min(16).max(1024),
});

export function handlers(
  ports: Pick<Ports, 'clock' | 'humanTasks' | 'notifications' | 'registrations' | 'settings'>,
) {
  return {
    openReview: taskHandler('OpenReviewTask', Callback, (i) =>
      openReview(ports, i.registrationId, i.taskToken),
    ),
    escalateReview: taskHandler('EscalateReview', Callback.pick({ registrationId: true }), (i) =>
      escalateReview(ports, i.registrationId),
    ),
    openSupplement: taskHandler(
      'OpenSupplementTask',
      Callback.extend({
        requestedBy: z.enum(['materials', 'examiner']),
        reasons: z.array(z.looseObject({ code: z.string() })).optional(),
        detail: z.string().max(2000).optional(),
      }),
      (i) =>
        openSupplement(ports, i.registrationId, i.taskToken, i.requestedBy, {
          reasons: i.reasons as Reason[] | undefined,
          detail: i.detail,
        }),
    ),
  };
}
