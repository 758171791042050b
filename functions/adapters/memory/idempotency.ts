/**
 * The in-memory twin of dynamo-idempotency.ts: a key is claimed when free, expired (kept 24 h) or held
 * by a request that died (in progress for more than 60 s); times are the `now` passed in, in seconds.
 */
import type { IdempotencyClaim, IdempotencyStore, StoredResponse } from '#ports/idempotency';
import { clone, type MemoryRegistry } from './registry.ts';

const KEEP_SECONDS = 24 * 3600;
const IN_PROGRESS_SECONDS = 60;

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

export class MemoryIdempotencyStore implements IdempotencyStore {
  constructor(private readonly registry: MemoryRegistry) {}

  async claim(key: string, requestHash: string, now: Date): Promise<IdempotencyClaim> {
    const nowSec = seconds(now);
    const old = this.registry.idempotency.get(key);
    const free =
      !old || old.ttl < nowSec || (old.state === 'in_progress' && (old.inProgressUntil ?? 0) < nowSec);
    if (free) {
      this.registry.idempotency.set(key, {
        state: 'in_progress',
        requestHash,
        inProgressUntil: nowSec + IN_PROGRESS_SECONDS,
        ttl: nowSec + KEEP_SECONDS,
      });
      return { state: 'claimed' };
    }
    if (old.requestHash !== requestHash) return { state: 'mismatch' };
    if (old.state === 'completed' && old.response)
      return { state: 'completed', response: clone(old.response) };
    return { state: 'in_progress' };
  }

  async complete(key: string, response: StoredResponse, now: Date): Promise<void> {
    // An update, as in DynamoDB: it writes the record even when the claim was abandoned meanwhile.
    const old = this.registry.idempotency.get(key);
    this.registry.idempotency.set(key, {
      ...old,
      state: 'completed',
      response: clone(response),
      ttl: seconds(now) + KEEP_SECONDS,
    });
  }

  async abandon(key: string): Promise<void> {
    this.registry.idempotency.delete(key);
  }
}
