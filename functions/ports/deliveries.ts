/**
 * The department push's store: each department's inbox (the deliveries planned from outbox events, in
 * the order the department pulls them), each (department, enterprise) pair's cursor and delivery queue,
 * the receipts, and each department's webhook.
 *
 * - `record` writes a relayed outbox event's deliveries, the pairs' cursors and the outbox item's
 *   `relayed` mark in ONE transaction, conditioned on the cursors it planned from: a replay, or a relay
 *   racing another, plans nothing twice (domain/push/sequence.ts). `conflict` means "read and plan again".
 * - An inbox position is `<sentAt>#<n>`, n counting per department: sentAt never goes backwards within a
 *   department, so positions sort as they were given and a cursor never skips a later insert.
 * - Each pair keeps its unsettled deliveries as a queue: only the head is `pending` (due for the webhook
 *   worker); the rest are `queued` behind it. A parked (`failed`) head holds its own pair and no other.
 * - A webhook's signing secret is stored sealed (the sealer port): the store never holds a `whsec_…`.
 * - Per department the store keeps what operators watch without reading the inbox: how many were sent,
 *   acknowledged and parked, and the oldest unacknowledged (`departmentStates`, a bounded read).
 */
import type { OutboxEvent } from '#domain/enterprise';
import type { DepartmentEvent } from '#domain/push/events';
import type { DeliveryStatus, WebhookHealth } from '#domain/push/retry';
import type { PairCursor, PlannedDelivery } from '#domain/push/sequence';
import type { Page } from './page.ts';

/** `queued`: behind an earlier delivery of its pair; `inbox`: no webhook took it, it waits for pull. */
export type StoredDeliveryStatus = DeliveryStatus | 'queued' | 'inbox';

export interface PairRef {
  department: string;
  creditCode: string;
}

export interface SignedDelivery extends PlannedDelivery {
  event: DepartmentEvent;
  /** The event's JSON exactly as signed (the webhook body). */
  body: string;
  jws: string;
}

export interface Delivery extends SignedDelivery {
  /** Where it sits in its department's inbox: `<sentAt>#<n>`. */
  position: string;
  sentAt: string;
  status: StoredDeliveryStatus;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  deliveredAt?: string;
  failedAt?: string;
  /** An operator's skip of a parked delivery (domain/push/retry.ts `skipped`). */
  skippedAt?: string;
  skippedBy?: string;
  skipReason?: string;
  acknowledgedAt?: string;
}

export interface RelayRecord {
  /** The outbox item to mark `relayed` in the same write. */
  outbox: { creditCode: string; seq: number };
  deliveries: readonly SignedDelivery[];
  /** The cursors the plan was made from (by pairKey; absent: none yet) and the ones it moves to. */
  before: ReadonlyMap<string, PairCursor>;
  after: ReadonlyMap<string, PairCursor>;
  at: Date;
  /** Kept until then (epoch seconds), the inbox's retention. */
  expiresAt: number;
}

/** An event of an enterprise's outbox, and whether the relay has taken it yet. */
export interface OutboxEntry {
  event: OutboxEvent;
  relayed: boolean;
}

export interface Webhook {
  department: string;
  url: string;
  /** The Standard Webhooks secret (`whsec_…`), sealed: only the delivery unseals it, to sign. */
  sealedSecret: string;
  registeredAt: string;
  health: WebhookHealth;
}

/** A delivery's new state after an attempt: `settle` for one that leaves its pair's queue. */
export type DeliveryChange = Pick<
  Delivery,
  | 'status'
  | 'attempts'
  | 'nextAttemptAt'
  | 'lastError'
  | 'deliveredAt'
  | 'failedAt'
  | 'skippedAt'
  | 'skippedBy'
  | 'skipReason'
>;

/** What operators watch per department, kept by the store as it goes (no read of the inbox). */
export interface DepartmentState {
  department: string;
  /** Events ever put in its inbox, and how many of them it has acknowledged. */
  sent: number;
  acknowledged: number;
  /** Deliveries parked as `failed`, each holding its pair until redriven or skipped. */
  failed: number;
  /** The position's time of the oldest unacknowledged event the inbox still keeps. */
  oldestUnacknowledgedAt?: string;
  webhook?: Webhook;
}

export interface DeliveryStore {
  /** The pairs' cursors (consistent reads); a pair not in the answer has none yet. */
  cursors(pairs: readonly PairRef[]): Promise<Map<string, PairCursor>>;
  record(relay: RelayRecord): Promise<'recorded' | 'conflict'>;
  /** A department's inbox after `position` (from its start without one), oldest first. */
  inbox(department: string, after: string | undefined, limit: number): Promise<Delivery[]>;
  /** Whether this department's inbox has (still) an entry at `position`. */
  hasPosition(department: string, position: string): Promise<boolean>;
  get(id: string): Promise<Delivery | undefined>;
  /** Sets `acknowledgedAt` once; `missing` when the id is not in that department's inbox. */
  acknowledge(department: string, id: string, at: Date): Promise<'acknowledged' | 'already' | 'missing'>;
  /** Everything a department was sent in [from, to) (RFC 3339 instants), for the reconciliation. */
  sentBetween(department: string, from: string, to: string): Promise<Delivery[]>;
  byStatus(status: StoredDeliveryStatus, cursor: string | undefined, limit: number): Promise<Page<Delivery>>;
  /** An enterprise's outbox event (consistent read): what the relay relays, and reads its facts from. */
  outboxEvent(creditCode: string, seq: number): Promise<OutboxEntry | undefined>;
  /**
   * A delivery while it is `pending` at the head of its pair's queue, the only state in which it may be
   * attempted; undefined once it was settled, parked or never was (a queued message gone stale).
   */
  pendingHead(id: string): Promise<Delivery | undefined>;
  /** Heads of their pairs, `pending` and due at `now`, oldest due first. */
  due(now: Date, limit: number): Promise<Delivery[]>;
  /**
   * A new state for a delivery that stays at its pair's head (a retry, a parking, a redrive). Conditioned
   * on the delivery's still being in the status it was read in: false when it was not (a redrive racing a
   * skip or another redrive), and nothing was written.
   */
  update(delivery: Delivery, change: DeliveryChange): Promise<boolean>;
  /**
   * A delivery leaves its pair's queue (delivered, skipped, left to the inbox); the next becomes due at
   * `at`. Conditioned on the delivery's still being in the status it was read in: false when it was not
   * (a skip of a parked one racing its redrive), and nothing was written.
   */
  settle(delivery: Delivery, change: DeliveryChange, at: Date): Promise<boolean>;
  webhook(department: string): Promise<Webhook | undefined>;
  putWebhook(webhook: Webhook): Promise<void>;
  setWebhookHealth(department: string, health: WebhookHealth): Promise<void>;
  /** Each department's counts, oldest unacknowledged event and webhook, in a bounded number of reads. */
  departmentStates(departments: readonly string[]): Promise<DepartmentState[]>;
}
