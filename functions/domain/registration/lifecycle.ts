/**
 * One registration's lifecycle as data: its statuses, every transition the case can make (from which
 * statuses, to which, and the timeline entry it leaves), and the ids of the human tasks it opens. Every
 * write of a registration's status goes through a `Move` built here, so the allowed "from" states are
 * written once, and a step that does several things (validated, then its reservation consumed) makes
 * them in one write.
 */
import {
  type Move as LifecycleMove,
  type Step as LifecycleStep,
  lifecycle,
  type Transition,
} from '../lifecycle.ts';

export { type TimelineEntry, timelineEntry } from '../lifecycle.ts';
export const REGISTRATION_STATUSES = [
  'submitted',
  'checking',
  'in_review',
  'changes_requested',
  'approved',
  'registered',
  'rejected',
  'withdrawn',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Before a decision the applicant may still withdraw (api.md). */
export const UNDECIDED: readonly RegistrationStatus[] = [
  'submitted',
  'checking',
  'in_review',
  'changes_requested',
];

const OPEN: readonly RegistrationStatus[] = ['checking', 'in_review', 'changes_requested'];

/** Every transition a registration can make, by name. */
export const TRANSITIONS = {
  validated: { from: ['submitted', 'checking'], to: 'checking', step: 'validation', status: 'passed' },
  invalid: { from: ['submitted', 'checking'], to: 'checking', step: 'validation', status: 'failed' },
  reservationConsumed: { from: ['checking'], to: 'checking', step: 'name-reservation', status: 'consumed' },
  reservationUnavailable: {
    from: ['checking'],
    to: 'checking',
    step: 'name-reservation',
    status: 'unavailable',
  },
  materialsComplete: { from: OPEN, to: 'checking', step: 'materials', status: 'complete' },
  materialsIncomplete: { from: OPEN, to: 'changes_requested', step: 'materials', status: 'incomplete' },
  supplementRequested: { from: OPEN, to: 'changes_requested', step: 'supplement', status: 'requested' },
  supplied: { from: ['changes_requested'], to: 'checking', step: 'supplement', status: 'provided' },
  approvedByRules: { from: ['checking'], to: 'approved', step: 'decision', status: 'approve' },
  referredToExaminer: { from: ['checking'], to: 'in_review', step: 'decision', status: 'review' },
  refusedByRules: { from: ['checking'], to: 'checking', step: 'decision', status: 'reject' },
  reviewOpened: { from: OPEN, to: 'in_review', step: 'review', status: 'waiting' },
  escalated: { from: ['in_review'], to: 'in_review', step: 'review', status: 'escalated' },
  examinerApproved: { from: ['in_review'], to: 'approved', step: 'review', status: 'approve' },
  examinerRejected: { from: ['in_review'], to: 'in_review', step: 'review', status: 'reject' },
  examinerRequestedChanges: {
    from: ['in_review'],
    to: 'in_review',
    step: 'review',
    status: 'request_changes',
  },
  codeAssigned: { from: ['approved'], to: 'approved', step: 'credit-code', status: 'assigned' },
  registered: { from: ['approved'], to: 'registered', step: 'registration', status: 'registered' },
  rejected: { from: [...UNDECIDED, 'approved'], to: 'rejected', step: 'decision', status: 'rejected' },
  compensated: { from: [...UNDECIDED, 'approved'], to: 'rejected', step: 'compensation', status: 'done' },
  withdrawn: { from: UNDECIDED, to: 'withdrawn', step: 'withdrawal', status: 'withdrawn' },
} as const satisfies Record<string, Transition<RegistrationStatus>>;

export type TransitionName = keyof typeof TRANSITIONS;

const machine = lifecycle<RegistrationStatus, TransitionName>('registration', TRANSITIONS);

export type Move = LifecycleMove<RegistrationStatus>;
export type Step = LifecycleStep<TransitionName>;

/** The steps in order as one write (lifecycle.ts `move`). */
export const move = machine.move;

/** Whether a case in `status` may make the transition. */
export const allows = machine.allows;

/** Who asked for a supplement: the materials check, or an examiner. */
export type SupplementRequester = 'materials' | 'examiner';

/**
 * The human tasks' ids: opaque to callers, deterministic here (registration and round), so a workflow
 * started again from the beginning opens the same task and only replaces its token.
 */
export const humanTaskIds = {
  review: (registrationId: string, round: number) => `${registrationId}-review-${round}`,
  supplement: (registrationId: string, round: number, by: SupplementRequester) =>
    `${registrationId}-supplement-${round}-${by}`,
  /** Every task the case may have open in a round: what a withdrawal closes. */
  ofRound: (registrationId: string, round: number) => [
    humanTaskIds.review(registrationId, round),
    humanTaskIds.supplement(registrationId, round, 'materials'),
    humanTaskIds.supplement(registrationId, round, 'examiner'),
  ],
};
