/**
 * The in-memory twin of the delivery store: the same inbox positions, pair queues and conditions as the
 * Dynamo adapter, each method checking then applying with no `await` in between (one transaction). The
 * per-department counts the Dynamo adapter keeps as counters are counted here from the inbox itself.
 */
import type { WebhookHealth } from '#domain/push/retry';
import { type PairCursor, pairKey } from '#domain/push/sequence';
import type {
  Delivery,
  DeliveryChange,
  DeliveryStore,
  DepartmentState,
  OutboxEntry,
  PairRef,
  RelayRecord,
  StoredDeliveryStatus,
  Webhook,
} from '#ports/deliveries';
import type { Page } from '#ports/page';
import { inboxPosition, relayedStatus, statusTime } from '../delivery-order.ts';
import { pageOf } from './paging.ts';
import { clone, type MemoryRegistry } from './registry.ts';

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

  /** The shared state: the outbox the enterprise twin writes is the one the relay reads. */
  constructor(private readonly registry: MemoryRegistry) {}

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
      const status = relayedStatus(pair.queue.length, this.webhooks.get(d.department)?.health);
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
      this.pairs.set(key, { ...cursor, queue: status === 'inbox' ? pair.queue : [...pair.queue, d.id] });
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

  async outboxEvent(creditCode: string, seq: number): Promise<OutboxEntry | undefined> {
    const event = this.registry.outbox.get(creditCode)?.find((e) => e.seq === seq);
    return event ? { event: clone(event), relayed: this.relayed.has(`${creditCode}#${seq}`) } : undefined;
  }

  async pendingHead(id: string): Promise<Delivery | undefined> {
    const found = this.deliveries.get(id);
    if (found?.status !== 'pending') return undefined;
    const pair = this.pairs.get(pairKey(found.department, found.creditCode));
    return pair?.queue[0] === id ? clone(found) : undefined;
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

  async update(delivery: Delivery, change: DeliveryChange): Promise<boolean> {
    const found = this.deliveries.get(delivery.id);
    if (!found) throw new Error(`no delivery ${delivery.id}`);
    // As the Dynamo adapter's condition: the delivery is still in the status it was read in.
    if (found.status !== delivery.status) return false;
    this.deliveries.set(delivery.id, { ...withoutState(found), ...clone(defined(change)) });
    return true;
  }

  async settle(delivery: Delivery, change: DeliveryChange, at: Date): Promise<boolean> {
    const key = pairKey(delivery.department, delivery.creditCode);
    const pair = this.pairs.get(key);
    const found = this.deliveries.get(delivery.id);
    // As the Dynamo adapter's condition: the delivery is still in the status it was read in.
    if (found?.status !== delivery.status) return false;
    if (!pair || pair.queue[0] !== delivery.id) throw new Error(`${delivery.id} is not the head of its pair`);
    this.deliveries.set(delivery.id, { ...withoutState(found), ...clone(defined(change)) });
    pair.queue.shift();
    const next = pair.queue[0] ? this.deliveries.get(pair.queue[0]) : undefined;
    if (next) {
      next.status = 'pending';
      next.nextAttemptAt = at.toISOString();
    }
    return true;
  }

  async webhook(department: string): Promise<Webhook | undefined> {
    const found = this.webhooks.get(department);
    return found ? clone(found) : undefined;
  }

  async putWebhook(webhook: Webhook): Promise<void> {
    if (webhook.sealedSecret.startsWith('whsec_'))
      throw new Error('a webhook secret is stored sealed, never open');
    this.webhooks.set(webhook.department, clone(webhook));
  }

  /** Inspection: the webhook as stored (the Dynamo item's twin). */
  storedWebhook(department: string): Webhook | undefined {
    return this.webhooks.get(department);
  }

  async setWebhookHealth(department: string, health: WebhookHealth): Promise<void> {
    const found = this.webhooks.get(department);
    if (found) found.health = clone(health);
  }

  async departmentStates(departments: readonly string[]): Promise<DepartmentState[]> {
    return departments.map((department) => {
      const inbox = this.ofDepartment(department);
      const oldest = inbox.find((d) => d.acknowledgedAt === undefined);
      const webhook = this.webhooks.get(department);
      return {
        department,
        sent: this.heads.get(department)?.n ?? 0,
        acknowledged: inbox.filter((d) => d.acknowledgedAt !== undefined).length,
        failed: inbox.filter((d) => d.status === 'failed').length,
        ...(oldest ? { oldestUnacknowledgedAt: oldest.sentAt } : {}),
        ...(webhook ? { webhook: clone(webhook) } : {}),
      };
    });
  }
}

function withoutState(d: Delivery): Delivery {
  const { nextAttemptAt, lastError, deliveredAt, failedAt, skippedAt, skippedBy, skipReason, ...rest } = d;
  return rest;
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
