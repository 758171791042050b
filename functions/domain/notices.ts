import { toCstIso } from './legal-time.ts';
import type { ReservationRecord } from './reservation.ts';

/** A notice to an applicant: decisions, requests for changes, reminders. */
export interface Notice {
  /** Deterministic (`<kind>:<subject id>`), so a repeated task notifies once. */
  id: string;
  kind:
    | 'reservation.expiring'
    | 'reservation.expired'
    | 'registration.changes_requested'
    | 'registration.registered'
    | 'registration.rejected'
    | 'deregistration.rejected'
    | 'deregistration.objected'
    | 'deregistration.awaiting_confirmation'
    | 'deregistration.lapsed'
    | 'deregistration.deregistered'
    | 'enterprise.name_correction_ordered';
  subject: { type: 'reservation' | 'registration' | 'deregistration' | 'enterprise'; id: string };
  message: string;
  messageEn: string;
  at: string;
  ownerSub: string;
  ownerIdHash?: string;
}

/** The reminder a holder gets before their reservation lapses, in both languages. */
export function expiringReservationNotice(r: ReservationRecord, at: Date) {
  const expires = toCstIso(new Date(r.expiresAt));
  return {
    id: `reservation.expiring:${r.id}`,
    kind: 'reservation.expiring' as const,
    subject: { type: 'reservation' as const, id: r.id },
    message: `您保留的企业名称“${r.name}”将于${expires.slice(0, 10)}到期，请在到期前办理设立登记，逾期名称自动失效。`,
    messageEn: `Your reservation of the name "${r.name}" expires on ${expires.slice(0, 10)}; register before then, or the name is released.`,
    at: at.toISOString(),
    ownerSub: r.ownerSub,
    ...(r.ownerIdHash ? { ownerIdHash: r.ownerIdHash } : {}),
  };
}

/** The owner of a case, as a notice addresses them. */
interface Addressee {
  ownerSub: string;
  ownerIdHash?: string | undefined;
}

const to = (r: Addressee) => ({
  ownerSub: r.ownerSub,
  ...(r.ownerIdHash ? { ownerIdHash: r.ownerIdHash } : {}),
});

/** The applicant is asked to supplement materials (补正). */
export function changesRequestedNotice(
  r: Addressee & { id: string; name: string; reviewRound: number },
  by: string,
  at: Date,
): Notice {
  return {
    id: `registration.changes-requested:${r.id}:${r.reviewRound}:${by}`,
    kind: 'registration.changes_requested',
    subject: { type: 'registration', id: r.id },
    message: `您的设立登记申请“${r.name}”需要补正材料，请查看申请的原因说明后提交。`,
    messageEn: `Your registration of "${r.name}" needs changes: see the reasons on the application, then supplement it.`,
    at: at.toISOString(),
    ...to(r),
  };
}

/** The registration is done: the enterprise exists with its credit code. */
export function registeredNotice(
  r: Addressee & { id: string; name: string },
  creditCode: string,
  at: Date,
): Notice {
  return {
    id: `registration.registered:${r.id}`,
    kind: 'registration.registered',
    subject: { type: 'registration', id: r.id },
    message: `“${r.name}”已完成设立登记，统一社会信用代码：${creditCode}。`,
    messageEn: `"${r.name}" is registered; its Unified Social Credit Code is ${creditCode}.`,
    at: at.toISOString(),
    ...to(r),
  };
}

/** The registration was refused: the reasons are on the application; the name is the applicant's again. */
export function rejectedNotice(r: Addressee & { id: string; name: string }, at: Date): Notice {
  return {
    id: `registration.rejected:${r.id}`,
    kind: 'registration.rejected',
    subject: { type: 'registration', id: r.id },
    message: `您的设立登记申请“${r.name}”未予登记，原因见申请的说明；名称保留仍在有效期内的，可以重新申请。`,
    messageEn: `Your registration of "${r.name}" was refused: see the reasons on the application. While the name reservation lasts, you may apply again.`,
    at: at.toISOString(),
    ...to(r),
  };
}

/**
 * The authority ordered the enterprise's name corrected, for the reason it gives: until the owner files a
 * name they reserved, the enterprise is shown by its credit code. One notice per order.
 */
export function nameCorrectionOrderedNotice(
  e: Addressee & { creditCode: string; name: string },
  order: { orderedAt: string; reason: string },
): Notice {
  return {
    id: `enterprise.name-correction-ordered:${e.creditCode}:${order.orderedAt}`,
    kind: 'enterprise.name_correction_ordered',
    subject: { type: 'enterprise', id: e.creditCode },
    message: `登记机关责令更正企业名称“${e.name}”，理由：${order.reason}。更正前以统一社会信用代码代替名称公示；请申报新的企业名称后提交更正。`,
    messageEn: `The registration authority ordered the name "${e.name}" corrected, because: ${order.reason}. Until it is, the enterprise is shown by its credit code: reserve a new name, then file it.`,
    at: order.orderedAt,
    ...to(e),
  };
}

/** The reservation's period ended without a registration: the name is free again. */
export function expiredReservationNotice(r: ReservationRecord, at: Date): Notice {
  return {
    id: `reservation.expired:${r.id}`,
    kind: 'reservation.expired',
    subject: { type: 'reservation', id: r.id },
    message: `您保留的企业名称“${r.name}”已到期失效。`,
    messageEn: `Your reservation of the name "${r.name}" has expired.`,
    at: at.toISOString(),
    ...to(r),
  };
}
