/**
 * The orders both delivery stores keep (Dynamo's and its in-memory twin): inbox positions, status times,
 * and the status a relayed delivery starts in.
 */
import { pushesTo, type WebhookHealth } from '#domain/push/retry';
import type { Delivery, StoredDeliveryStatus } from '#ports/deliveries';

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

/**
 * The status a delivery is relayed in: `pending` at the head of its pair's empty queue, `queued` behind
 * an earlier one; and straight to `inbox` when its department has no webhook that takes pushes and
 * nothing of its pair waits (there is nothing to push it to, and nothing it must follow), which spares
 * the worker an attempt and its settle (and the cloud a queue message) per event. A webhook registered
 * later receives what becomes due after it; older events stay for pull.
 */
export function relayedStatus(queueLength: number, webhook: WebhookHealth | undefined): StoredDeliveryStatus {
  if (queueLength > 0) return 'queued';
  return webhook && pushesTo(webhook) ? 'pending' : 'inbox';
}
