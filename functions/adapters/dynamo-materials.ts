/**
 * Material records in the registry table.
 *
 *   MAT#<id> / MAT      one material: what the uploader declared (kind, type, size, SHA-256, file name),
 *                       who owns it, and whether its object has been verified
 *
 * No byOwner entry: nobody lists materials; a registration names them by id, and the verifier reads them
 * back in one batch. The object itself lives at `materials/<id>` in the documents bucket.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { MaterialRecord } from '#domain/material';
import type { MaterialStore } from '#ports/materials';
import { dynamoDocumentClient } from './clients.ts';
import { conditionally } from './conditions.ts';
import { requireEnv } from './config.ts';

const materialKey = (id: string) => ({ pk: `MAT#${id}`, sk: 'MAT' });
/** DynamoDB's limit on the keys of one BatchGetItem. */
const BATCH = 100;

function toRecord(item: Record<string, unknown>): MaterialRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as MaterialRecord;
}

export class DynamoMaterialStore implements MaterialStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  /** Ids are fresh and random; the condition keeps a record from ever being overwritten all the same. */
  async create(record: MaterialRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...materialKey(record.id), ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** The records of these ids that exist, by id; one round trip per 100 ids. */
  async getMany(ids: readonly string[]): Promise<Map<string, MaterialRecord>> {
    const found = new Map<string, MaterialRecord>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BATCH) {
      let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + BATCH).map(materialKey);
      // A throttled batch hands back the keys it did not read; ask again for those only.
      for (let attempt = 0; keys?.length && attempt < 5; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) {
          const record = toRecord(item);
          found.set(record.id, record);
        }
        keys = out.UnprocessedKeys?.[this.table]?.Keys;
      }
      if (keys?.length) throw new Error(`materials: ${keys.length} keys left unread after retries`);
    }
    return found;
  }

  /**
   * pending → verified: one write for one material, one transaction for several (up to 100 at once).
   * Only records still pending are named, so a repeat writes nothing; a concurrent verifier that got
   * there first makes the transaction fail its condition, which is the outcome wanted, not an error.
   */
  async markVerified(ids: readonly string[], at: Date): Promise<void> {
    const update = (id: string) => ({
      TableName: this.table,
      Key: materialKey(id),
      UpdateExpression: 'SET #status = :verified, verifiedAt = :at',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':verified': 'verified', ':pending': 'pending', ':at': at.toISOString() },
    });
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += BATCH) {
      const chunk = unique.slice(i, i + BATCH);
      if (chunk.length === 1) await conditionally(() => this.db.send(new UpdateCommand(update(chunk[0]!))));
      else
        await conditionally(() =>
          this.db.send(
            new TransactWriteCommand({ TransactItems: chunk.map((id) => ({ Update: update(id) })) }),
          ),
        ).then((done) => done || this.markOneByOne(chunk, update));
    }
  }

  /** After a transaction refused because one of them was verified meanwhile: the rest, one by one. */
  private async markOneByOne(
    ids: string[],
    update: (id: string) => UpdateCommand['input'],
  ): Promise<boolean> {
    await Promise.all(ids.map((id) => conditionally(() => this.db.send(new UpdateCommand(update(id))))));
    return true;
  }
}
