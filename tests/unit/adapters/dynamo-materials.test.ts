import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoMaterialStore } from '#adapters/dynamo-materials';
import type { MaterialRecord } from '#domain/material';

// What only the DynamoDB adapter does: the item shape, BatchGet's retries of unprocessed keys, and one
// update for one material against one transaction for several. The SDK is mocked at the client.
const dynamo = mockClient(DynamoDBDocumentClient);
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
);
const store = () => new DynamoMaterialStore(client, 'registry');

beforeEach(() => dynamo.reset());
afterEach(() => vi.useRealTimers());

const ID = '01kabcdefg0123456789abcdef';
const ID2 = '01kabcdefg0123456789abcdeg';
const record: MaterialRecord = {
  id: ID,
  kind: 'articles_of_association',
  fileName: 'articles.pdf',
  contentType: 'application/pdf',
  size: 44,
  sha256: 'a'.repeat(64),
  status: 'pending',
  ownerSub: 'alice',
  channel: 'online',
  createdAt: '2026-01-05T01:00:00.000Z',
  uploadExpiresAt: '2026-01-05T01:15:00.000Z',
};
const item = (r: MaterialRecord) => ({ pk: `MAT#${r.id}`, sk: 'MAT', ...r });
const AT = new Date('2026-01-05T02:00:00.000Z');

describe('DynamoMaterialStore.create', () => {
  it('puts the record under its id, never over an existing one', async () => {
    dynamo.on(PutCommand).resolves({});
    await store().create(record);
    const put = dynamo.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put).toMatchObject({ TableName: 'registry', ConditionExpression: 'attribute_not_exists(pk)' });
    expect(put.Item).toEqual(item(record));
  });
});

describe('DynamoMaterialStore.getMany', () => {
  it('reads the records in one consistent batch, without their keys', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { registry: [item(record)] } });
    const found = await store().getMany([ID, ID2, ID]);
    expect(found).toEqual(new Map([[ID, record]]));
    const request = dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems?.registry;
    expect(request?.ConsistentRead).toBe(true);
    expect(request?.Keys).toEqual([
      { pk: `MAT#${ID}`, sk: 'MAT' },
      { pk: `MAT#${ID2}`, sk: 'MAT' },
    ]);
  });

  it('asks again for the keys a throttled batch left unread, and for those only', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { registry: [item({ ...record, id: ID2 })] },
        UnprocessedKeys: { registry: { Keys: [{ pk: `MAT#${ID}`, sk: 'MAT' }] } },
      })
      .resolves({ Responses: { registry: [item(record)] } });
    const found = await store().getMany([ID, ID2]);
    expect([...found.keys()].sort()).toEqual([ID, ID2]);
    const calls = dynamo.commandCalls(BatchGetCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.RequestItems?.registry?.Keys).toEqual([{ pk: `MAT#${ID}`, sk: 'MAT' }]);
  });

  it('fails loudly when keys stay unread after its retries', async () => {
    vi.useFakeTimers();
    dynamo.on(BatchGetCommand).resolves({
      Responses: { registry: [] },
      UnprocessedKeys: { registry: { Keys: [{ pk: `MAT#${ID}`, sk: 'MAT' }] } },
    });
    const read = store().getMany([ID]);
    const outcome = expect(read).rejects.toThrow(/1 keys left unread/);
    await vi.runAllTimersAsync();
    await outcome;
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(5);
  });

  it('reads at most 100 keys per batch', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { registry: [] } });
    const ids = Array.from({ length: 150 }, (_, i) => `${ID.slice(0, 23)}${String(i).padStart(3, '0')}`);
    await store().getMany(ids);
    const sizes = dynamo
      .commandCalls(BatchGetCommand)
      .map((c) => c.args[0].input.RequestItems?.registry?.Keys?.length);
    expect(sizes).toEqual([100, 50]);
  });
});

describe('DynamoMaterialStore.markVerified', () => {
  it('marks one material with one conditional update, from pending only', async () => {
    dynamo.on(UpdateCommand).resolves({});
    await store().markVerified([ID], AT);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    const update = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.Key).toEqual({ pk: `MAT#${ID}`, sk: 'MAT' });
    expect(update.ConditionExpression).toBe('#status = :pending');
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':verified': 'verified',
      ':at': AT.toISOString(),
    });
  });

  it('marks several materials in one transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await store().markVerified([ID, ID2, ID], AT);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items.map((i) => i.Update?.Key)).toEqual([
      { pk: `MAT#${ID}`, sk: 'MAT' },
      { pk: `MAT#${ID2}`, sk: 'MAT' },
    ]);
  });

  it('takes a lost race to verify as done', async () => {
    dynamo.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }));
    await expect(store().markVerified([ID], AT)).resolves.toBeUndefined();
  });

  it('marks the rest one by one when the transaction fails on one already verified', async () => {
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    dynamo
      .on(UpdateCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }))
      .resolves({});
    await store().markVerified([ID, ID2], AT);
    expect(dynamo.commandCalls(UpdateCommand).map((c) => c.args[0].input.Key)).toEqual([
      { pk: `MAT#${ID}`, sk: 'MAT' },
      { pk: `MAT#${ID2}`, sk: 'MAT' },
    ]);
  });

  it('lets any other failure through', async () => {
    dynamo.on(UpdateCommand).rejects(new Error('connect ECONNREFUSED'));
    await expect(store().markVerified([ID], AT)).rejects.toThrow('ECONNREFUSED');
  });
});
