/** The in-memory twin of dynamo-materials.ts: declared materials, never overwritten, verified once. */
import type { MaterialRecord } from '#domain/material';
import type { MaterialStore } from '#ports/materials';
import { clone, type MemoryRegistry } from './registry.ts';

export class MemoryMaterialStore implements MaterialStore {
  constructor(private readonly registry: MemoryRegistry) {}

  async create(record: MaterialRecord): Promise<void> {
    if (this.registry.materials.has(record.id)) throw new Error(`material ${record.id} exists`);
    this.registry.materials.set(record.id, clone(record));
  }

  async getMany(ids: readonly string[]): Promise<Map<string, MaterialRecord>> {
    const found = new Map<string, MaterialRecord>();
    for (const id of ids) {
      const record = this.registry.materials.get(id);
      if (record) found.set(id, clone(record));
    }
    return found;
  }

  async markVerified(ids: readonly string[], at: Date): Promise<void> {
    for (const id of ids) {
      const record = this.registry.materials.get(id);
      // Only pending → verified: a record verified before keeps its first verification time.
      if (record?.status !== 'pending') continue;
      record.status = 'verified';
      record.verifiedAt = at.toISOString();
    }
  }
}
