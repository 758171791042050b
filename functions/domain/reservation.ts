import type { Caller } from './caller.ts';
import { type Duration, periodEnd } from './legal-time.ts';

export type ReservationStatus = 'reserved' | 'consumed' | 'released' | 'expired';

/**
 * The key under which "one name, one holder" is enforced: the authority scope, the trade name's
 * normalized characters and the industry class (null when the name has no industry, which then
 * collides with every industry of that trade name).
 */
export interface NameLockKey {
  scope: string;
  tradeKey: string;
  industryClass: string | null;
}

export interface ReservationRecord {
  id: string;
  name: string;
  /** The simplified trade name and the industry word, as the rules read them (for the name index). */
  tradeName: string;
  industry: string | null;
  division: string;
  entityType: string;
  status: ReservationStatus;
  lock: NameLockKey;
  /** The sub that reserved it (the applicant, or the clerk at the counter). */
  ownerSub: string;
  /** The verified holder's identity hash: the person may later sign in and see it as their own. */
  ownerIdHash?: string;
  holderName?: string;
  channel: 'online' | 'bank';
  branchId?: string;
  preApprovalRequired: boolean;
  reservedAt: string;
  expiresAt: string;
  /** When the holder was reminded that the reservation is about to expire. */
  remindedAt?: string;
  ruleVersion: string;
  /** Set while a submitted registration holds the reservation: it can be neither released nor expire. */
  registrationId?: string;
  settledAt?: string;
}

export interface ReservationPeriods {
  standard: Duration;
  preApproval: Duration;
}

/** Two months, or one year where a pre-approval is needed before registration (domain.md). */
export function reservationExpiry(
  reservedAt: Date,
  preApprovalRequired: boolean,
  periods: ReservationPeriods,
): Date {
  return periodEnd(reservedAt, preApprovalRequired ? periods.preApproval : periods.standard);
}

/** Who reserves for whom: an applicant for themself, a clerk for the person at the counter. */
export function holderOf(
  caller: Caller,
  holder: { name: string; idHash: string } | undefined,
): Pick<ReservationRecord, 'ownerSub' | 'ownerIdHash' | 'holderName' | 'channel' | 'branchId'> {
  if (caller.role === 'bank_clerk') {
    if (!holder) throw new RangeError('a clerk reserves for a holder');
    return {
      ownerSub: caller.sub,
      ownerIdHash: holder.idHash,
      holderName: holder.name,
      channel: 'bank',
      ...(caller.branchId ? { branchId: caller.branchId } : {}),
    };
  }
  return {
    ownerSub: caller.sub,
    ...(caller.idHash ? { ownerIdHash: caller.idHash } : {}),
    channel: 'online',
  };
}

/**
 * Whether the period of a reservation no registration holds has ended at `now`: it is expired then, whether
 * or not its workflow (late after a restart) has recorded it yet. One a registration holds is the
 * registration's to settle (planWake).
 */
export function hasLapsed(
  record: Pick<ReservationRecord, 'status' | 'expiresAt' | 'registrationId'>,
  now: Date,
): boolean {
  return (
    record.status === 'reserved' && !record.registrationId && Date.parse(record.expiresAt) <= now.getTime()
  );
}

/** The reservation as its holder sees it at `now`: `expired` once its period has ended (hasLapsed). */
export function asOf<T extends Pick<ReservationRecord, 'status' | 'expiresAt' | 'registrationId'>>(
  record: T,
  now: Date,
): T {
  return hasLapsed(record, now) ? { ...record, status: 'expired' } : record;
}

/** What the workflow does next with a reservation, decided from the record and the time alone. */
export type WakePlan =
  | { action: 'end'; reason: string }
  | { action: 'expire' }
  | { action: 'remind' }
  | { action: 'wait'; wakeAt: string }
  | { action: 'continue' };

/** 20 days: below the local timer's 24.8-day ceiling, and a handful of wakes for even a one-year period. */
export const MAX_WAIT_MS = 20 * 86_400_000;
/** Continue as a new execution well before Step Functions' one-year limit on a Standard execution. */
export const MAX_GENERATION_MS = 300 * 86_400_000;
/** How often a reservation whose period ended while a registration held it is looked at again. */
export const HELD_RECHECK_MS = 3_600_000;

/**
 * The next step of the reservation workflow. The holder is reminded `reminderLeadMs` before expiry (14
 * days in law's time), once, and only if the reservation began before that moment.
 */
export function planWake(
  record:
    | Pick<ReservationRecord, 'status' | 'expiresAt' | 'reservedAt' | 'remindedAt' | 'registrationId'>
    | undefined,
  now: Date,
  generationStartedAt: Date,
  reminderLeadMs = 0,
): WakePlan {
  if (!record) return { action: 'end', reason: 'no such reservation' };
  if (record.status !== 'reserved') return { action: 'end', reason: `reservation is ${record.status}` };
  const expiresAt = Date.parse(record.expiresAt);
  if (now.getTime() >= expiresAt) {
    // A registration decides the case now: the name is consumed, or comes back (expired, if its period ended).
    if (record.registrationId)
      return { action: 'wait', wakeAt: new Date(now.getTime() + HELD_RECHECK_MS).toISOString() };
    return { action: 'expire' };
  }
  const reminderAt = reminderLeadMs > 0 ? expiresAt - reminderLeadMs : Number.NaN;
  const reminderDue = !record.remindedAt && reminderAt > Date.parse(record.reservedAt);
  if (reminderDue && now.getTime() >= reminderAt) return { action: 'remind' };
  if (now.getTime() - generationStartedAt.getTime() >= MAX_GENERATION_MS) return { action: 'continue' };
  const wakeAt = Math.min(
    expiresAt,
    now.getTime() + MAX_WAIT_MS,
    reminderDue ? reminderAt : Number.POSITIVE_INFINITY,
  );
  return { action: 'wait', wakeAt: new Date(wakeAt).toISOString() };
}
