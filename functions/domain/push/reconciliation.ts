/**
 * The daily reconciliation a department and the operators read: for a day (counted in China Standard
 * Time), the events sent to each department that day, how many of those it has acknowledged so far, and
 * how many are still outstanding. A pure fold over delivery records, so the same numbers come from the
 * store's records and from a department's own list of what it received, and the two can be compared.
 */
import { cstDate } from '../legal-time.ts';

export interface DeliveryRecord {
  department: string;
  /** When the event entered the department's inbox (RFC 3339). */
  sentAt: string;
  /** When the department's receipt came, if it came. */
  acknowledgedAt?: string | undefined;
}

export interface DailyCount {
  department: string;
  /** YYYY-MM-DD in Beijing. */
  date: string;
  sent: number;
  acknowledged: number;
  outstanding: number;
}

/**
 * The counts for `date`, one per department in `departments` (zeros included, so a quiet day reads as
 * such), then any other department met in the records. `asOf`, if given, counts receipts up to then.
 */
export function dailyReconciliation(
  records: Iterable<DeliveryRecord>,
  date: string,
  departments: readonly string[] = [],
  asOf?: Date,
): DailyCount[] {
  const counts = new Map<string, DailyCount>();
  const countFor = (department: string) => {
    const known = counts.get(department);
    if (known) return known;
    const fresh = { department, date, sent: 0, acknowledged: 0, outstanding: 0 };
    counts.set(department, fresh);
    return fresh;
  };
  for (const d of departments) countFor(d);
  for (const r of records) {
    if (cstDate(new Date(r.sentAt)) !== date) continue;
    const count = countFor(r.department);
    count.sent++;
    const acked = r.acknowledgedAt !== undefined && (!asOf || Date.parse(r.acknowledgedAt) <= asOf.getTime());
    if (acked) count.acknowledged++;
    else count.outstanding++;
  }
  return [...counts.values()];
}

export interface OutstandingAge {
  department: string;
  outstanding: number;
  /** The sending time of the oldest unacknowledged event, and its age in seconds at `now`. */
  oldestSentAt?: string;
  oldestAgeSeconds?: number;
}

/** Unacknowledged events and the age of the oldest, per department: what operators watch. */
export function outstandingAges(records: Iterable<DeliveryRecord>, now: Date): OutstandingAge[] {
  const byDepartment = new Map<string, OutstandingAge & { oldestMs?: number }>();
  for (const r of records) {
    if (r.acknowledgedAt !== undefined) continue;
    const entry = byDepartment.get(r.department) ?? { department: r.department, outstanding: 0 };
    entry.outstanding++;
    const sentMs = Date.parse(r.sentAt);
    if (entry.oldestMs === undefined || sentMs < entry.oldestMs) {
      entry.oldestMs = sentMs;
      entry.oldestSentAt = r.sentAt;
    }
    byDepartment.set(r.department, entry);
  }
  return [...byDepartment.values()].map(({ oldestMs, ...entry }) => ({
    ...entry,
    ...(oldestMs === undefined ? {} : { oldestAgeSeconds: Math.floor((now.getTime() - oldestMs) / 1000) }),
  }));
}
