/**
 * The in-memory twin of dynamo-start-ledger.ts: the workflow starts owed by committed writes, keyed and
 * ordered as the Dynamo partition is (`<since>#<executionName>`). The reservation and registration twins
 * owe and settle their markers in the same synchronous stretch as the writes they go with.
 */
import type { OwedStart, StartLedger } from '#ports/start-ledger';
import { clone } from './registry.ts';

const keyOf = (start: Pick<OwedStart, 'since' | 'executionName'>) => `${start.since}#${start.executionName}`;

export class MemoryStartLedger implements StartLedger {
  private readonly markers = new Map<string, OwedStart>();

  async owed(before: Date, limit: number): Promise<OwedStart[]> {
    const cutoff = before.toISOString();
    return [...this.markers.entries()]
      .filter(([key]) => key < cutoff)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit)
      .map(([, start]) => clone(start));
  }

  async settle(start: Pick<OwedStart, 'since' | 'executionName'>): Promise<void> {
    this.markers.delete(keyOf(start));
  }

  /** Records a start owed: called by a twin inside the write it belongs to (no `await` between). */
  owe(start: OwedStart): void {
    this.markers.set(keyOf(start), clone(start));
  }

  /** Settles synchronously, inside a twin's write. */
  forget(start: Pick<OwedStart, 'since' | 'executionName'>): void {
    this.markers.delete(keyOf(start));
  }

  /** Inspection: every start still owed, oldest first. */
  pending(): OwedStart[] {
    return [...this.markers.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, start]) => clone(start));
  }
}
