/**
 * The operators' view of department deliveries: by status, the redrive or skip of a parked one, and per
 * department what is outstanding (unacknowledged events and the oldest one's age, parked deliveries).
 */
import type { Caller } from '#domain/caller';
import { ConflictError, ForbiddenError, NotFoundError } from '#domain/errors';
import { knownDepartments } from '#domain/push/recipients';
import { redriven, skipped } from '#domain/push/retry';
import type { Delivery, StoredDeliveryStatus } from '#ports/deliveries';
import type { Page } from '#ports/page';
import type { Ports } from '#ports/ports';
import { type WebhookView, webhookView } from './webhooks.ts';

export interface DeliverySummary {
  id: string;
  department: string;
  creditCode: string;
  type: string;
  sequence: number;
  status: StoredDeliveryStatus;
  attempts: number;
  sentAt: string;
  nextAttemptAt?: string;
  lastError?: string;
  deliveredAt?: string;
  failedAt?: string;
  skippedAt?: string;
  skippedBy?: string;
  skipReason?: string;
  acknowledgedAt?: string;
}

function operatorOnly(caller: Caller): void {
  if (caller.role !== 'operator') throw new ForbiddenError();
}

export function summary(d: Delivery): DeliverySummary {
  const { id, department, creditCode, sequence, status, attempts, sentAt } = d;
  const optional = {
    nextAttemptAt: d.nextAttemptAt,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt,
    failedAt: d.failedAt,
    skippedAt: d.skippedAt,
    skippedBy: d.skippedBy,
    skipReason: d.skipReason,
    acknowledgedAt: d.acknowledgedAt,
  };
  return {
    id,
    department,
    creditCode,
    type: d.event.type,
    sequence,
    status,
    attempts,
    sentAt,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}

export async function listDeliveries(
  ports: Pick<Ports, 'deliveries'>,
  caller: Caller,
  status: StoredDeliveryStatus,
  cursor: string | undefined,
  limit: number,
): Promise<Page<DeliverySummary>> {
  operatorOnly(caller);
  const page = await ports.deliveries.byStatus(status, cursor, limit);
  return { items: page.items.map(summary), nextCursor: page.nextCursor };
}

/** A parked delivery, or 404 / 409 (`not-failed`) for the operator. */
async function parked(ports: Pick<Ports, 'deliveries'>, id: string, action: string): Promise<Delivery> {
  const found = await ports.deliveries.get(id);
  if (!found) throw new NotFoundError(`delivery ${id}`);
  if (found.status !== 'failed')
    throw new ConflictError('not-failed', `only a failed delivery is ${action}; ${id} is ${found.status}`);
  return found;
}

export async function redrive(
  ports: Pick<Ports, 'deliveries' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<DeliverySummary> {
  operatorOnly(caller);
  const found = await parked(ports, id, 'redriven');
  const state = redriven(
    {
      status: 'failed',
      attempts: found.attempts,
      ...(found.lastError ? { lastError: found.lastError } : {}),
    },
    ports.clock.now(),
  );
  // Skipped or redriven by someone else since it was read: the same answer as if read afterwards.
  if (!(await ports.deliveries.update(found, { ...state, status: 'pending' })))
    throw new ConflictError('not-failed', `${id} is no longer failed`);
  return summary({ ...found, ...state, status: 'pending' });
}

/**
 * An operator gives up pushing a parked delivery: it is settled as `skipped` (who, when, why on record)
 * and its pair's next delivery becomes due, as after a success. The event stays in the department's inbox
 * for pull: a skip ends the push of one event, never the department's access to it.
 */
export async function skip(
  ports: Pick<Ports, 'deliveries' | 'clock'>,
  caller: Caller,
  id: string,
  reason: string,
): Promise<DeliverySummary> {
  operatorOnly(caller);
  const found = await parked(ports, id, 'skipped');
  const now = ports.clock.now();
  const state = skipped(
    {
      status: 'failed',
      attempts: found.attempts,
      ...(found.lastError ? { lastError: found.lastError } : {}),
      ...(found.failedAt ? { failedAt: found.failedAt } : {}),
    },
    caller.sub,
    reason,
    now,
  );
  // Redriven or skipped by someone else since it was read: the same answer as if read afterwards.
  if (!(await ports.deliveries.settle(found, state, now)))
    throw new ConflictError('not-failed', `${id} is no longer failed`);
  const { nextAttemptAt: _n, ...rest } = found;
  return summary({ ...rest, ...state });
}

export interface DepartmentOverview {
  department: string;
  webhook: WebhookView;
  /** Events sent to the department, acknowledged by it, and not (yet). */
  sent: number;
  acknowledged: number;
  outstanding: number;
  /** The oldest unacknowledged event still in the inbox: when it was sent, and its age in seconds. */
  oldestUnacknowledgedAt?: string;
  oldestUnacknowledgedAgeSeconds?: number;
  /** Deliveries parked as `failed`, each waiting for a redrive or a skip. */
  failed: number;
}

/** Every department the registry shares with, in the order of departments.json. */
export async function departmentOverview(
  ports: Pick<Ports, 'deliveries' | 'clock'>,
  caller: Caller,
): Promise<DepartmentOverview[]> {
  operatorOnly(caller);
  const now = ports.clock.now();
  const states = await ports.deliveries.departmentStates(knownDepartments());
  return states.map((s) => ({
    department: s.department,
    webhook: webhookView(s.department, s.webhook, now),
    sent: s.sent,
    acknowledged: s.acknowledged,
    outstanding: Math.max(0, s.sent - s.acknowledged),
    ...(s.oldestUnacknowledgedAt
      ? {
          oldestUnacknowledgedAt: s.oldestUnacknowledgedAt,
          oldestUnacknowledgedAgeSeconds: Math.max(
            0,
            Math.floor((now.getTime() - Date.parse(s.oldestUnacknowledgedAt)) / 1000),
          ),
        }
      : {}),
    failed: s.failed,
  }));
}
