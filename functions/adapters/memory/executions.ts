/** The in-memory twin of dynamo-executions.ts: the execution index, its counters and hourly counts. */
import {
  applyChange,
  type ExecutionEntry,
  type HourlyCount,
  type IndexedStatus,
} from '#domain/ops/execution-index';
import {
  type ExecutionIndex,
  type ExecutionListing,
  type IssuanceCount,
  listingKey,
} from '#ports/executions';
import { clone } from './registry.ts';

export class MemoryExecutionIndex implements ExecutionIndex {
  private readonly entries = new Map<string, ExecutionEntry>();
  private readonly statusCounts = new Map<string, Partial<Record<IndexedStatus, number>>>();
  private readonly hours = new Map<string, HourlyCount>();
  private readonly issued = new Map<string, IssuanceCount>();

  async apply(change: ExecutionEntry): Promise<boolean> {
    const effect = applyChange(this.entries.get(change.name), clone(change));
    if (!effect) return false;
    this.entries.set(change.name, effect.entry);
    const counts = this.statusCounts.get(change.workflow) ?? {};
    for (const [status, n] of Object.entries(effect.counts) as [IndexedStatus, number][])
      counts[status] = (counts[status] ?? 0) + n;
    this.statusCounts.set(change.workflow, counts);
    for (const { hour, field } of effect.hourly) {
      const key = `${hour}|${change.workflow}`;
      const h = this.hours.get(key) ?? {
        hour,
        workflow: change.workflow,
        started: 0,
        succeeded: 0,
        failed: 0,
      };
      h[field] += 1;
      this.hours.set(key, h);
    }
    if (effect.issuance) {
      const { authority, onTheSpot } = effect.issuance;
      const i = this.issued.get(authority) ?? { authority, decided: 0, onTheSpot: 0 };
      i.decided += 1;
      if (onTheSpot) i.onTheSpot += 1;
      this.issued.set(authority, i);
    }
    return true;
  }

  async get(name: string): Promise<ExecutionEntry | undefined> {
    const found = this.entries.get(name);
    return found ? clone(found) : undefined;
  }

  async list(query: ExecutionListing, limit: number): Promise<{ items: ExecutionEntry[]; more: boolean }> {
    const matching = [...this.entries.values()]
      .filter(
        (e) =>
          e.workflow === query.workflow &&
          (query.status === undefined || e.status === query.status) &&
          (query.from === undefined || listingKey(e) >= query.from) &&
          (query.to === undefined || listingKey(e) < query.to) &&
          (query.before === undefined || listingKey(e) < query.before),
      )
      .sort((a, b) => (listingKey(a) < listingKey(b) ? 1 : -1));
    return { items: matching.slice(0, limit).map(clone), more: matching.length > limit };
  }

  async bySubject(subject: string, limit: number): Promise<ExecutionEntry[]> {
    return [...this.entries.values()]
      .filter((e) => e.subjects.includes(subject))
      .sort((a, b) => (listingKey(a) < listingKey(b) ? 1 : -1))
      .slice(0, limit)
      .map(clone);
  }

  async counts(): Promise<Record<string, Partial<Record<IndexedStatus, number>>>> {
    return clone(Object.fromEntries(this.statusCounts));
  }

  async hourly(fromHour: string, toHour: string): Promise<HourlyCount[]> {
    return [...this.hours.values()].filter((h) => h.hour >= fromHour && h.hour <= toHour).map(clone);
  }

  async issuance(): Promise<IssuanceCount[]> {
    return [...this.issued.values()].map(clone);
  }
}
