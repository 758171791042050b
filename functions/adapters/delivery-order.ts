/** The orders both delivery stores keep (Dynamo's and its in-memory twin): inbox positions and status times. */
import type { Delivery } from '#ports/deliveries';

/** `<sentAt>#<n>`: n counts per department, and sentAt never goes backwards within one. */
export const inboxPosition = (sentAt: string, n: number) => `${sentAt}#${String(n).padStart(12, '0')}`;

/** When a delivery took its status: what the operators' lists and the due list sort by. */
export function statusTime(
  d: Pick<Delivery, 'status' | 'sentAt' | 'nextAttemptAt' | 'deliveredAt' | 'failedAt'>,
): string {
  if (d.status === 'pending') return d.nextAttemptAt ?? d.sentAt;
  if (d.status === 'delivered') return d.deliveredAt ?? d.sentAt;
  if (d.status === 'failed') return d.failedAt ?? d.sentAt;
  return d.sentAt;
}
