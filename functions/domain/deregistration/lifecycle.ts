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
import { type TimelineEntry, timelineEntry } from '../registration/lifecycle.ts';

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

interface Transition {
  from: readonly DeregistrationStatus[];
  to: DeregistrationStatus;
  step: string;
  status: string;
}

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
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** A status write: allowed only from one of `from`; it leaves `to` and appends `entries` to the timeline. */
export interface Move {
  from: readonly DeregistrationStatus[];
  to: DeregistrationStatus;
  entries: TimelineEntry[];
}

export interface Step {
  name: TransitionName;
  detail?: string | undefined;
}

/**
 * The steps in order as one write (a filing with autoConfirm: `windowPassed` then `confirmed`). Each step
 * must be allowed from where the previous one leaves the case, so a combination the lifecycle does not
 * allow fails here, in a unit test, not in the store.
 */
export function move(at: Date, ...steps: (TransitionName | Step)[]): Move {
  const named = steps.map((s) => (typeof s === 'string' ? { name: s } : s));
  const first = named[0];
  if (!first) throw new RangeError('a move needs at least one step');
  let current: DeregistrationStatus | undefined;
  const entries: TimelineEntry[] = [];
  for (const { name, detail } of named) {
    const t: Transition = TRANSITIONS[name];
    if (current !== undefined && !t.from.includes(current))
      throw new RangeError(`deregistration lifecycle: ${name} cannot follow a move to ${current}`);
    current = t.to;
    entries.push(timelineEntry(t.step, t.status, at, detail));
  }
  return { from: TRANSITIONS[first.name].from, to: current!, entries };
}

/** Whether a case in `status` may make the transition. */
export function allows(status: DeregistrationStatus, name: TransitionName): boolean {
  return (TRANSITIONS[name].from as readonly DeregistrationStatus[]).includes(status);
}
