import { toCstIso } from './legal-time.ts';
import type { ReservationRecord } from './reservation.ts';

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
