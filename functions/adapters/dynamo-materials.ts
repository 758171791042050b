/**
 * Material records in the registry table.
 *
 *   MAT#<id> / MAT      one material: what the uploader declared (kind, type, size, SHA-256, file name),
 *                       who owns it, and whether its object has been verified
 *
 * No byOwner entry: nobody lists materials; a registration names them by id, and the verifier reads them
 * back in one batch. The object itself lives at `materials/<id>` in the documents bucket.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from './clients.ts';
import { requireEnv } from './config.ts';

export type MaterialStatus = 'pending' | 'verified';

export interface MaterialRecord {
  id: string;
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  /** Lower-case hex, as declared when the upload was requested. */
  sha256: string;
  status: MaterialStatus;
  /** The sub that requested the upload (the applicant, or the clerk at the counter). */
  ownerSub: string;
  /** The uploader's verified identity hash, so the same person signed in another way still owns it. */
  ownerIdHash?: string;
  /** Set when a bank clerk took the material: every clerk of that branch may file it. */
  branchId?: string;
  channel: 'online' | 'bank';
  createdAt: string;
  uploadExpiresAt: string;
  verifiedAt?: string;
}

const materialKey = (id: string) => ({ pk: `MAT#${id}`, sk: 'MAT' });
/** DynamoDB's limit on the keys of one BatchGetItem. */
const BATCH = 100;

function toRecord(item: Record<string, unknown>): MaterialRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as MaterialRecord;
}

export class DynamoMaterialStore {
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
   * pending → verified. Idempotent: a record already verified (a repeated task, a concurrent verifier)
   * fails the condition, which is the outcome wanted, not an error.
   */
  async markVerified(id: string, at: Date): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: materialKey(id),
          UpdateExpression: 'SET #status = :verified, verifiedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':verified': 'verified',
            ':pending': 'pending',
            ':at': at.toISOString(),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
