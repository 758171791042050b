/**
 * Creates the tables and buckets from the same schema module CDK builds from, and loads the seeds.
 * Every step can run twice: an existing table or bucket is left as it is.
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { BucketAlreadyOwnedByYou, CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BucketSchema, TableSchema } from '#contract/tables';

export function createTableInput(schema: TableSchema): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N'>();
  for (const k of [
    schema.partitionKey,
    schema.sortKey,
    ...schema.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]) {
    attributes.set(k.name, k.type);
  }
  return {
    TableName: schema.id,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    KeySchema: [
      { AttributeName: schema.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: schema.sortKey.name, KeyType: 'RANGE' },
    ],
    ...(schema.globalIndexes.length
      ? {
          GlobalSecondaryIndexes: schema.globalIndexes.map((i) => ({
            IndexName: i.indexName,
            KeySchema: [
              { AttributeName: i.partitionKey.name, KeyType: 'HASH' as const },
              { AttributeName: i.sortKey.name, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
    ...(schema.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: schema.stream } } : {}),
  };
}

export async function ensureTables(db: DynamoDBClient, tables: readonly TableSchema[]): Promise<void> {
  for (const schema of tables) {
    try {
      await db.send(new CreateTableCommand(createTableInput(schema)));
      await waitUntilTableExists({ client: db, maxWaitTime: 30, minDelay: 1 }, { TableName: schema.id });
      await db.send(
        new UpdateTimeToLiveCommand({
          TableName: schema.id,
          TimeToLiveSpecification: { AttributeName: schema.ttlAttribute, Enabled: true },
        }),
      );
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await addMissingIndexes(db, schema);
    }
  }
}

/**
 * A data directory made by an earlier version lacks the indexes added since: each is created (DynamoDB
 * builds it from the items already there), one at a time as DynamoDB requires, and waited for.
 */
async function addMissingIndexes(db: DynamoDBClient, schema: TableSchema): Promise<void> {
  const input = createTableInput(schema);
  for (const index of input.GlobalSecondaryIndexes ?? []) {
    const { Table } = await db.send(new DescribeTableCommand({ TableName: schema.id }));
    if (Table?.GlobalSecondaryIndexes?.some((i) => i.IndexName === index.IndexName)) continue;
    await db.send(
      new UpdateTableCommand({
        TableName: schema.id,
        AttributeDefinitions: input.AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [
          {
            Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection },
          },
        ],
      }),
    );
    for (let i = 0; i < 120; i++) {
      const { Table: t } = await db.send(new DescribeTableCommand({ TableName: schema.id }));
      if (t?.GlobalSecondaryIndexes?.find((g) => g.IndexName === index.IndexName)?.IndexStatus === 'ACTIVE')
        break;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function ensureBuckets(s3: S3Client, buckets: readonly BucketSchema[]): Promise<void> {
  for (const bucket of buckets) {
    try {
      await s3.send(new CreateBucketCommand({ Bucket: bucket.id }));
    } catch (error) {
      if (!(error instanceof BucketAlreadyOwnedByYou) && (error as Error).name !== 'BucketAlreadyExists')
        throw error;
    }
  }
}
