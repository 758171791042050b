/**
 * Sequence numbers per department and enterprise. Routing gives each department its own subset of an
 * enterprise's events (statistics never hears of a deregistering, customs only of import-export
 * enterprises), so each (department, credit code) pair counts for itself, from 1, with no gaps.
 *
 * The sender side is a pure planner over each pair's cursor: the last sequence given and the outbox
 * sequence that took it. An outbox event at or below that outbox sequence was planned already (a stream
 * redelivers, a relay restarts), so planning it again yields nothing new: that is what makes the relay
 * safe to run twice, provided the store writes the deliveries and the cursors in one transaction.
 *
 * The receiver side checks what arrived: gaps, duplicates and numbers that came out of order.
 */
import type { OutboxEvent } from '../enterprise.ts';
import { departmentEventId } from './events.ts';

export interface PairCursor {
  /** The last sequence this department was given for this enterprise (0: none yet). */
  sequence: number;
  /** The enterprise's outbox sequence of the event that took it. */
  outboxSeq: number;
}

export const NO_CURSOR: PairCursor = { sequence: 0, outboxSeq: 0 };

export const pairKey = (department: string, creditCode: string) => `${department}#${creditCode}`;

export interface PlannedDelivery {
  /** The department event's id, `<outbox event id>:<department>`. */
  id: string;
  outboxEventId: string;
  outboxSeq: number;
  department: string;
  creditCode: string;
  sequence: number;
}

export interface DeliveryPlan {
  deliveries: PlannedDelivery[];
  /** The cursors after this plan, by `pairKey`: only those that moved. */
  cursors: Map<string, PairCursor>;
  /** Ids of deliveries this event had been planned into before (a replay): nothing to create. */
  replayed: string[];
}

type PlannedEvent = Pick<OutboxEvent, 'id' | 'seq' | 'creditCode'>;

/**
 * The deliveries one outbox event makes, one per recipient, each with the next sequence of its pair.
 * `last` holds the cursors by `pairKey`; a pair not in it has none yet.
 */
export function planDeliveries(
  event: PlannedEvent,
  recipients: readonly string[],
  last: ReadonlyMap<string, PairCursor>,
): DeliveryPlan {
  const plan: DeliveryPlan = { deliveries: [], cursors: new Map(), replayed: [] };
  for (const department of new Set(recipients)) {
    const key = pairKey(department, event.creditCode);
    const cursor = last.get(key) ?? NO_CURSOR;
    const id = departmentEventId(event.id, department);
    if (event.seq <= cursor.outboxSeq) {
      plan.replayed.push(id);
      continue;
    }
    const sequence = cursor.sequence + 1;
    plan.deliveries.push({
      id,
      outboxEventId: event.id,
      outboxSeq: event.seq,
      department,
      creditCode: event.creditCode,
      sequence,
    });
    plan.cursors.set(key, { sequence, outboxSeq: event.seq });
  }
  return plan;
}

/** Plans a batch of outbox events read in order (per enterprise), carrying the cursors from one to the next. */
export function planBatch(
  events: ReadonlyArray<{ event: PlannedEvent; recipients: readonly string[] }>,
  last: ReadonlyMap<string, PairCursor>,
): DeliveryPlan {
  const cursors = new Map(last);
  const batch: DeliveryPlan = { deliveries: [], cursors: new Map(), replayed: [] };
  for (const { event, recipients } of events) {
    const plan = planDeliveries(event, recipients, cursors);
    batch.deliveries.push(...plan.deliveries);
    batch.replayed.push(...plan.replayed);
    for (const [key, cursor] of plan.cursors) {
      cursors.set(key, cursor);
      batch.cursors.set(key, cursor);
    }
  }
  return batch;
}

export interface ReceivedSequence {
  department: string;
  creditCode: string;
  sequence: number;
  id?: string;
}

export interface SequenceGap {
  department: string;
  creditCode: string;
  /** The first and last missing numbers. */
  from: number;
  to: number;
}

export interface SequenceDuplicate {
  department: string;
  creditCode: string;
  sequence: number;
  count: number;
  ids: string[];
}

export interface SequenceAnomaly {
  department: string;
  creditCode: string;
  sequence: number;
  /** The highest sequence seen before it. */
  after: number;
}

export interface SequenceCheck {
  gaps: SequenceGap[];
  duplicates: SequenceDuplicate[];
  /** Numbers that arrived after a higher one: per-enterprise order was broken. */
  outOfOrder: SequenceAnomaly[];
  /** The highest sequence per `pairKey`. */
  last: Map<string, number>;
}

interface PairLog {
  department: string;
  creditCode: string;
  seen: Map<number, string[]>;
  max: number;
}

function missingRanges(log: PairLog): SequenceGap[] {
  const gaps: SequenceGap[] = [];
  let from: number | undefined;
  for (let n = 1; n <= log.max + 1; n++) {
    const missing = n <= log.max && !log.seen.has(n);
    if (missing && from === undefined) from = n;
    if (!missing && from !== undefined) {
      gaps.push({ department: log.department, creditCode: log.creditCode, from, to: n - 1 });
      from = undefined;
    }
  }
  return gaps;
}

/** The receiver's check over what arrived, in arrival order (after deduplication by id, if it does that). */
export function checkSequences(received: Iterable<ReceivedSequence>): SequenceCheck {
  const logs = new Map<string, PairLog>();
  const outOfOrder: SequenceAnomaly[] = [];
  for (const r of received) {
    const key = pairKey(r.department, r.creditCode);
    const log = logs.get(key) ?? {
      department: r.department,
      creditCode: r.creditCode,
      seen: new Map(),
      max: 0,
    };
    logs.set(key, log);
    const ids = log.seen.get(r.sequence);
    if (!ids && r.sequence < log.max) outOfOrder.push({ ...pick(r), after: log.max });
    log.seen.set(r.sequence, [...(ids ?? []), r.id ?? '']);
    log.max = Math.max(log.max, r.sequence);
  }
  const check: SequenceCheck = { gaps: [], duplicates: [], outOfOrder, last: new Map() };
  for (const [key, log] of logs) {
    check.last.set(key, log.max);
    check.gaps.push(...missingRanges(log));
    for (const [sequence, ids] of log.seen)
      if (ids.length > 1)
        check.duplicates.push({
          department: log.department,
          creditCode: log.creditCode,
          sequence,
          count: ids.length,
          ids,
        });
  }
  return check;
}

const pick = (r: ReceivedSequence) => ({
  department: r.department,
  creditCode: r.creditCode,
  sequence: r.sequence,
});
