/**
 * The in-memory twin of the delivery store: the same inbox positions, pair queues and conditions as the
 * Dynamo adapter, each method checking then applying with no `await` in between (one transaction).
 */
import type { WebhookHealth } from '#domain/push/retry';
import { type PairCursor, pairKey } from '#domain/push/sequence';
import type {
  Delivery,
  DeliveryChange,
  DeliveryStore,
  PairRef,
  RelayRecord,
  StoredDeliveryStatus,
  Webhook,
} from '#ports/deliveries';
import type { Page } from '#ports/page';
import { inboxPosition, statusTime } from '../delivery-order.ts';
import { pageOf } from './paging.ts';
import { clone } from './registry.ts';

interface Pair extends PairCursor {
  /** Ids of the unsettled deliveries, head first. */
  queue: string[];
}

export class MemoryDeliveryStore implements DeliveryStore {
  private readonly pairs = new Map<string, Pair>();
  private readonly heads = new Map<string, { n: number; lastSentAt: string }>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly webhooks = new Map<string, Webhook>();
  /** Inspection: the outbox events marked relayed, `<creditCode>#<seq>`. */
  readonly relayed = new Set<string>();

  async cursors(pairs: readonly PairRef[]): Promise<Map<string, PairCursor>> {
    const out = new Map<string, PairCursor>();
    for (const p of pairs) {
      const found = this.pairs.get(pairKey(p.department, p.creditCode));
      if (found)
        out.set(pairKey(p.department, p.creditCode), {
          sequence: found.sequence,
          outboxSeq: found.outboxSeq,
        });
    }
    return out;
  }

  async record(relay: RelayRecord): Promise<'recorded' | 'conflict'> {
    for (const [key] of relay.after) {
      const now = this.pairs.get(key);
      const before = relay.before.get(key);
      if ((now?.outboxSeq ?? 0) !== (before?.outboxSeq ?? 0)) return 'conflict';
    }
    for (const d of relay.deliveries) if (this.deliveries.has(d.id)) return 'conflict';
    for (const d of relay.deliveries) {
      const key = pairKey(d.department, d.creditCode);
      const pair = this.pairs.get(key) ?? { sequence: 0, outboxSeq: 0, queue: [] };
      const head = this.heads.get(d.department) ?? { n: 0, lastSentAt: '' };
      const at = relay.at.toISOString();
      const sentAt = at > head.lastSentAt ? at : head.lastSentAt;
      const n = head.n + 1;
      this.heads.set(d.department, { n, lastSentAt: sentAt });
      const status: StoredDeliveryStatus = pair.queue.length === 0 ? 'pending' : 'queued';
      this.deliveries.set(
        d.id,
        clone({
          ...d,
          position: inboxPosition(sentAt, n),
          sentAt,
          status,
          attempts: 0,
          ...(status === 'pending' ? { nextAttemptAt: sentAt } : {}),
        }),
      );
      const cursor = relay.after.get(key) ?? { sequence: d.sequence, outboxSeq: d.outboxSeq };
      this.pairs.set(key, { ...cursor, queue: [...pair.queue, d.id] });
    }
    this.relayed.add(`${relay.outbox.creditCode}#${relay.outbox.seq}`);
    return 'recorded';
  }

  private ofDepartment(department: string): Delivery[] {
    return [...this.deliveries.values()]
      .filter((d) => d.department === department)
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }

  async inbox(department: string, after: string | undefined, limit: number): Promise<Delivery[]> {
    return clone(
      this.ofDepartment(department)
        .filter((d) => after === undefined || d.position > after)
        .slice(0, limit),
    );
  }

  async hasPosition(department: string, position: string): Promise<boolean> {
    return this.ofDepartment(department).some((d) => d.position === position);
  }

  async get(id: string): Promise<Delivery | undefined> {
    const found = this.deliveries.get(id);
    return found ? clone(found) : undefined;
  }

  async acknowledge(
    department: string,
    id: string,
    at: Date,
  ): Promise<'acknowledged' | 'already' | 'missing'> {
    const found = this.deliveries.get(id);
    if (!found || found.department !== department) return 'missing';
    if (found.acknowledgedAt) return 'already';
    found.acknowledgedAt = at.toISOString();
    return 'acknowledged';
  }

  async sentBetween(department: string, from: string, to: string): Promise<Delivery[]> {
    return clone(this.ofDepartment(department).filter((d) => d.sentAt >= from && d.sentAt < to));
  }

  async byStatus(
    status: StoredDeliveryStatus,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<Delivery>> {
    const items = [...this.deliveries.values()].filter((d) => d.status === status);
    return pageOf(items, (d) => `${statusTime(d)}#${d.id}`, {
      kind: `deliveries-${status}`,
      cursor,
      limit,
      order: 'oldest',
    });
  }

  async due(now: Date, limit: number): Promise<Delivery[]> {
    const at = now.toISOString();
    return clone(
      [...this.deliveries.values()]
        .filter((d) => d.status === 'pending' && (d.nextAttemptAt ?? '') <= at)
        .sort((a, b) => ((a.nextAttemptAt ?? '') < (b.nextAttemptAt ?? '') ? -1 : 1))
        .slice(0, limit),
    );
  }

  async update(delivery: Delivery, change: DeliveryChange): Promise<void> {
    const found = this.deliveries.get(delivery.id);
    if (!found) throw new Error(`no delivery ${delivery.id}`);
    this.deliveries.set(delivery.id, { ...withoutState(found), ...clone(defined(change)) });
  }

  async settle(delivery: Delivery, change: DeliveryChange, at: Date): Promise<void> {
    const key = pairKey(delivery.department, delivery.creditCode);
    const pair = this.pairs.get(key);
    if (!pair || pair.queue[0] !== delivery.id) throw new Error(`${delivery.id} is not the head of its pair`);
    const found = this.deliveries.get(delivery.id)!;
    this.deliveries.set(delivery.id, { ...withoutState(found), ...clone(defined(change)) });
    pair.queue.shift();
    const next = pair.queue[0] ? this.deliveries.get(pair.queue[0]) : undefined;
    if (next) {
      next.status = 'pending';
      next.nextAttemptAt = at.toISOString();
    }
  }

  async webhook(department: string): Promise<Webhook | undefined> {
    const found = this.webhooks.get(department);
    return found ? clone(found) : undefined;
  }

  async putWebhook(webhook: Webhook): Promise<void> {
    this.webhooks.set(webhook.department, clone(webhook));
  }

  async setWebhookHealth(department: string, health: WebhookHealth): Promise<void> {
    const found = this.webhooks.get(department);
    if (found) found.health = clone(health);
  }
}

function withoutState(d: Delivery): Delivery {
  const { nextAttemptAt, lastError, deliveredAt, failedAt, ...rest } = d;
  return rest;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
