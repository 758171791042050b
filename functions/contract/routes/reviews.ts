/** The examiners' queue. */
import { Cursor, page } from '#contract/schemas/common';
import {
  ReviewAssignRequest,
  ReviewDecisionRequest,
  ReviewParams,
  ReviewTaskView,
} from '#contract/schemas/reviews';
import { API, type RouteSchema } from './types.ts';

export const REVIEWS_ROUTES = {
  ListReviews: {
    id: 'ListReviews',
    method: 'GET',
    path: '/v1/reviews',
    handler: { entry: `${API}/reviews.ts`, export: 'listReviews' },
    access: ['examiner'],
    grants: { registryTable: { write: ['examinerRoster'], query: ['reviewQueue'] } },
    summary: "Pending reviews of the examiner's authority, with their age and deadline",
    request: { query: Cursor },
    responses: { 200: { description: 'open review tasks', schema: page(ReviewTaskView) } },
  },

  DecideReview: {
    id: 'DecideReview',
    method: 'POST',
    path: '/v1/reviews/{taskId}',
    handler: { entry: `${API}/reviews.ts`, export: 'decideReview' },
    access: ['examiner'],
    grants: {
      registryTable: { read: ['humanTask', 'registration'], write: ['humanTask', 'registration'] },
      answerWorkflows: ['registration'],
    },
    summary: 'Approves, rejects, or requests changes, with the reason',
    request: { params: ReviewParams, body: ReviewDecisionRequest },
    responses: {
      200: { description: 'decided' },
      404: { description: "no such open task in the examiner's authority" },
      409: { description: 'already decided' },
    },
  },

  AssignReview: {
    id: 'AssignReview',
    method: 'POST',
    path: '/v1/reviews/{taskId}/assign',
    handler: { entry: `${API}/reviews.ts`, export: 'assignReview' },
    access: ['examiner', 'operator'],
    grants: {
      registryTable: { read: ['humanTask', 'examinerRoster'], write: ['humanTask', 'examinerRoster'] },
    },
    summary:
      'Assigns a review task to an examiner of its authority (an examiner takes a task over by assigning it to themselves; operators reassign)',
    request: { params: ReviewParams, body: ReviewAssignRequest },
    responses: {
      200: { description: 'reassigned' },
      404: { description: "no such open task in the examiner's authority" },
      409: { description: 'already decided' },
      422: { description: 'the assignee is not an examiner of the task’s registration authority' },
    },
  },
} as const satisfies Record<string, RouteSchema>;
