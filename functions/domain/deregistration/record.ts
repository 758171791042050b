/**
 * A simple deregistration (简易注销) as the registry keeps it: the enterprise it closes, who filed it, the
 * commitment every investor signed, the announcement window and the confirmation deadline (absolute
 * times: a workflow started again waits only for what is left), the objections, and the timeline.
 */
import type { TimelineEntry } from '../registration/lifecycle.ts';
import type { AnnouncementKind } from './announcement.ts';
import type { DeregistrationStatus } from './lifecycle.ts';
import type { Reason } from './rules.ts';

export interface Objection {
  id: string;
  /** Who objected (a department, a creditor, anyone signed in): their sub and role, never more. */
  by: string;
  role: string;
  reason: string;
  at: string;
}

export interface DeregistrationRecord {
  id: string;
  creditCode: string;
  /** The enterprise's name and type at filing: what the announcement shows. */
  name: string;
  entityType: string;
  authority: string;
  /** The enterprise's owners (the filer's claims are checked against these at every read). */
  ownerSub: string;
  ownerIdHash?: string;
  filedBy: string;
  status: DeregistrationStatus;
  timeline: TimelineEntry[];
  commitment: { debtsSettled: boolean; signatories: string[]; text: string };
  /** The filing counts as the application to deregister once the window passes (条例 art. 33). */
  autoConfirm: boolean;
  announcement: { kind: AnnouncementKind; publishedAt: string; endsAt: string; lastDay: string };
  confirmationDeadline: string;
  objections: Objection[];
  /** The token of the callback the workflow waits on (the window, or the owner's confirmation). */
  waiting?: { kind: 'objections' | 'confirmation'; token: string };
  reasons?: Reason[];
  rulesVersion: string;
  createdAt: string;
  updatedAt: string;
}

/** What the owner and the operators see: no token, the objections' reasons without who made them. */
export function deregistrationView(r: DeregistrationRecord) {
  return {
    id: r.id,
    creditCode: r.creditCode,
    name: r.name,
    status: r.status,
    autoConfirm: r.autoConfirm,
    announcementEndsAt: r.announcement.endsAt,
    confirmationDeadline: r.confirmationDeadline,
    commitment: r.commitment,
    timeline: r.timeline,
    objections: r.objections.map((o) => ({ id: o.id, reason: o.reason, at: o.at })),
    ...(r.reasons?.length ? { reasons: r.reasons } : {}),
    rulesVersion: r.rulesVersion,
    createdAt: r.createdAt,
  };
}
