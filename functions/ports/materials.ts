import type { MaterialRecord } from '#domain/material';

/** The material records (what was declared); the objects themselves are in the DocumentStore. */
export interface MaterialStore {
  /** Ids are fresh; a record is never overwritten. */
  create(record: MaterialRecord): Promise<void>;
  /** The records of these ids that exist, by id. */
  getMany(ids: readonly string[]): Promise<Map<string, MaterialRecord>>;
  /** pending → verified, for each id, in as few writes as the store allows; idempotent. */
  markVerified(ids: readonly string[], at: Date): Promise<void>;
}
