/**
 * The in-memory twin of dynamo-deregistrations.ts. The cases are its own; the enterprise's status, event
 * sequence and outbox, and the notices, are the shared registry's (what memory/enterprises.ts keeps), and
 * the owed starts are the shared ledger's. Each write checks every condition before it changes anything,
 * as the one transaction does, and answers false where a condition fails.
 *
 * Built over the state the other twins use: `new MemoryDeregistrationStore(ports.registry, ports.startLedger)`.
 */
import type { Move } from '#domain/deregistration/lifecycle';
import type { DeregistrationRecord, Objection } from '#domain/deregistration/record';
import type { DeregistrationStore, EnterpriseChange } from '#ports/deregistrations';
import type { Page } from '#ports/page';
import { deregistrationStart } from '#ports/start-ledger';
import { pageOf } from './paging.ts';
import { applySet, clone, type MemoryRegistry } from './registry.ts';
import { MemoryStartLedger } from './start-ledger.ts';

type MoveOptions = NonNullable<Parameters<DeregistrationStore['move']>[2]>;

export class MemoryDeregistrationStore implements DeregistrationStore {
  private readonly cases = new Map<string, DeregistrationRecord>();

  constructor(
    private readonly registry: MemoryRegistry,
    private readonly ledger: MemoryStartLedger = new MemoryStartLedger(),
  ) {}

  async create(record: DeregistrationRecord): Promise<'created' | 'conflict'> {
    const enterprise = this.registry.enterprises.get(record.creditCode);
    // The enterprise not active, or this case written already: the Dynamo transaction's two conditions.
    if (this.cases.has(record.id) || enterprise?.status !== 'active') return 'conflict';
    this.cases.set(record.id, clone(record));
    enterprise.status = 'deregistering';
    this.ledger.owe(deregistrationStart(record));
    return 'created';
  }

  async get(id: string): Promise<DeregistrationRecord | undefined> {
    const found = this.cases.get(id);
    return found ? clone(found) : undefined;
  }

  async move(id: string, move: Move, options: MoveOptions = {}): Promise<boolean> {
    const { enterprise: change, notice } = options;
    if (change) checkChange(change);
    const found = this.cases.get(id);
    if (!found || !move.from.includes(found.status)) return false;
    if (change && found.creditCode !== change.creditCode) return false;
    const enterprise = change ? this.registry.enterprises.get(change.creditCode) : undefined;
    if (change && (enterprise?.status !== change.from || enterprise.eventSeq !== change.expectedEventSeq))
      return false;
    const events = change?.event ? (this.registry.outbox.get(change.event.creditCode) ?? []) : [];
    if (change?.event && events.some((e) => e.seq === change.event?.seq)) return false;
    // Every condition holds: apply the whole write.
    found.status = move.to;
    found.timeline.push(...clone(move.entries));
    const last = move.entries.at(-1);
    if (last) found.updatedAt = last.at;
    applySet(found, options.set);
    if (change && enterprise) {
      enterprise.status = change.to;
      if (change.event) {
        enterprise.eventSeq = change.event.seq;
        this.registry.outbox.set(change.event.creditCode, [...events, clone(change.event)]);
      }
    }
    // Put without a condition, as the Dynamo transaction puts it: the last write of an id stands.
    if (notice) this.registry.notices.set(notice.id, clone(notice));
    // A move from `checking` is a workflow step: the start the filing owed is made.
    if (move.from.includes('checking')) this.ledger.forget(deregistrationStart(found));
    return true;
  }

  async await(
    id: string,
    status: DeregistrationRecord['status'],
    waiting: DeregistrationRecord['waiting'],
  ): Promise<boolean> {
    const found = this.cases.get(id);
    if (found?.status !== status) return false;
    if (waiting) found.waiting = clone(waiting);
    else delete found.waiting;
    return true;
  }

  async object(id: string, objection: Objection): Promise<boolean> {
    const found = this.cases.get(id);
    if (found?.status !== 'announced') return false;
    // The window excludes its end instant.
    if (Date.parse(objection.at) >= Date.parse(found.announcement.endsAt)) return false;
    found.objections.push(clone(objection));
    return true;
  }

  async openAnnouncements(
    at: Date,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<DeregistrationRecord>> {
    const open = [...this.cases.values()].filter(
      (c) => c.status === 'announced' && Date.parse(c.announcement.endsAt) > at.getTime(),
    );
    return pageOf(open, (c) => `${new Date(c.announcement.endsAt).toISOString()}#${c.id}`, {
      kind: 'announcements',
      cursor,
      limit,
      order: 'oldest',
    });
  }
}

/** The event is the enterprise's next, at `expectedEventSeq + 1`: anything else would leave a gap. */
function checkChange(change: EnterpriseChange): void {
  const { event } = change;
  if (event && (event.seq !== change.expectedEventSeq + 1 || event.creditCode !== change.creditCode))
    throw new RangeError(
      `the event of ${change.creditCode} must be its next (${change.expectedEventSeq + 1}), not ${event.creditCode}#${event.seq}`,
    );
}
