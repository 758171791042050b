/**
 * One simple deregistration's lifecycle as data, as registration/lifecycle.ts keeps the registration's:
 * its statuses, every transition (from which statuses, to which, and the timeline entry it leaves), and
 * `move`, through which every status write goes, so the allowed "from" states are written once.
 *
 * An objection ends the case `rejected` with the objection as its reason rather than in a status of its
 * own: api.md names three ends (`deregistered`, `rejected`, `lapsed`), and the enterprise may file again
 * once the objection is resolved, so nothing about the ended case needs to tell the two apart but its
 * timeline.
 */
import {
  type Move as LifecycleMove,
  type Step as LifecycleStep,
  lifecycle,
  type Transition,
} from '../lifecycle.ts';

export const DEREGISTRATION_STATUSES = [
  'checking',
  /** The announcement window is open: objections are taken. */
  'announced',
  /** The window passed with no objection; the owner has not yet applied to deregister (autoConfirm false). */
  'awaiting_confirmation',
  /** Applied to deregister: the registry is deregistering the enterprise. */
  'deregistering',
  'deregistered',
  'rejected',
  /** Not confirmed within CONFIRMATION_PERIOD: the enterprise stays active. */
  'lapsed',
] as const;
export type DeregistrationStatus = (typeof DEREGISTRATION_STATUSES)[number];

/** Where a case ends; any other status holds the enterprise, so a second filing conflicts (409). */
export const ENDED: readonly DeregistrationStatus[] = ['deregistered', 'rejected', 'lapsed'];

export const isEnded = (status: DeregistrationStatus): boolean => ENDED.includes(status);

/** Every transition a deregistration can make, by name. */
export const TRANSITIONS = {
  eligibilityPassed: { from: ['checking'], to: 'checking', step: 'eligibility', status: 'passed' },
  // At filing's first step, or again before the registry deregisters (a list entry made meanwhile).
  ineligible: {
    from: ['checking', 'deregistering'],
    to: 'rejected',
    step: 'eligibility',
    status: 'failed',
  },
  eligibilityConfirmed: {
    from: ['deregistering'],
    to: 'deregistering',
    step: 'eligibility',
    status: 'confirmed',
  },
  commitmentRecorded: { from: ['checking'], to: 'checking', step: 'commitment', status: 'recorded' },
  announced: { from: ['checking'], to: 'announced', step: 'announcement', status: 'published' },
  objected: { from: ['announced'], to: 'rejected', step: 'objection', status: 'received' },
  windowPassed: {
    from: ['announced'],
    to: 'awaiting_confirmation',
    step: 'announcement',
    status: 'closed',
  },
  confirmed: {
    from: ['awaiting_confirmation'],
    to: 'deregistering',
    step: 'confirmation',
    status: 'confirmed',
  },
  lapsed: { from: ['awaiting_confirmation'], to: 'lapsed', step: 'confirmation', status: 'lapsed' },
  licenseRevoked: { from: ['deregistering'], to: 'deregistering', step: 'license', status: 'revoked' },
  deregistered: {
    from: ['deregistering'],
    to: 'deregistered',
    step: 'deregistration',
    status: 'deregistered',
  },
} as const satisfies Record<string, Transition<DeregistrationStatus>>;

export type TransitionName = keyof typeof TRANSITIONS;

const machine = lifecycle<DeregistrationStatus, TransitionName>('deregistration', TRANSITIONS);

export type Move = LifecycleMove<DeregistrationStatus>;
export type Step = LifecycleStep<TransitionName>;

/** The steps in order as one write (lifecycle.ts `move`). */
export const move = machine.move;

/** Whether a case in `status` may make the transition. */
export const allows = machine.allows;
