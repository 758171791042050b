/** The operators' view of department deliveries: by status, and the redrive of a parked one. */
import type { Caller } from '#domain/caller';
import { ConflictError, ForbiddenError, NotFoundError } from '#domain/errors';
import { redriven } from '#domain/push/retry';
import type { Delivery, StoredDeliveryStatus } from '#ports/deliveries';
import type { Page } from '#ports/page';
import type { Ports } from '#ports/ports';

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

export async function redrive(
  ports: Pick<Ports, 'deliveries' | 'clock'>,
  caller: Caller,
  id: string,
): Promise<DeliverySummary> {
  operatorOnly(caller);
  const found = await ports.deliveries.get(id);
  if (!found) throw new NotFoundError(`delivery ${id}`);
  if (found.status !== 'failed')
    throw new ConflictError('not-failed', `only a failed delivery is redriven; ${id} is ${found.status}`);
  const state = redriven(
    {
      status: 'failed',
      attempts: found.attempts,
      ...(found.lastError ? { lastError: found.lastError } : {}),
    },
    ports.clock.now(),
  );
  await ports.deliveries.update(found, { ...state, status: 'pending' });
  return summary({ ...found, ...state, status: 'pending' });
}
