import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, type GetObjectCommandOutput, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { BatchGetCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MaterialRecord } from '#adapters/dynamo-materials';
import { belongsTo, defaultMaterialVerifier, MaterialService } from '#adapters/materials';

// verify() outcomes with the store and the bucket mocked at the SDK client: the object body is a stream,
// as S3 hands it over, so the hashing path is the real one.
const dynamo = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);

beforeAll(() => {
  Object.assign(process.env, {
    REGISTRY_TABLE: 'registry',
    DOCUMENTS_BUCKET: 'documents',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
  });
});
beforeEach(() => {
  dynamo.reset();
  s3.reset();
});

const ID = '01kabcdefg0123456789abcdef';
const bytes = Buffer.from('%PDF-1.7 the articles of association, signed');
const record: MaterialRecord = {
  id: ID,
  kind: 'articles_of_association',
  fileName: 'articles.pdf',
  contentType: 'application/pdf',
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  status: 'pending',
  ownerSub: 'alice',
  channel: 'online',
  createdAt: '2026-01-05T01:00:00.000Z',
  uploadExpiresAt: '2026-01-05T01:15:00.000Z',
};
const alice = { sub: 'alice' };

function stored(records: MaterialRecord[]) {
  dynamo.on(BatchGetCommand).resolves({
    Responses: { registry: records.map((r) => ({ pk: `MAT#${r.id}`, sk: 'MAT', ...r })) },
  });
  dynamo.on(UpdateCommand).resolves({});
}

/** The object as S3 returns it: headers from the stored object, the body a stream read in chunks. */
function object(body: Buffer, contentType = 'application/pdf') {
  s3.on(GetObjectCommand).resolves({
    ContentLength: body.length,
    ContentType: contentType,
    Body: Readable.from([body.subarray(0, 7), body.subarray(7)]) as unknown as GetObjectCommandOutput['Body'],
  });
}

const verify = (ids: string[], owner: { sub: string; idHash?: string; branchId?: string } = alice) =>
  new MaterialService().verify(ids, owner);

describe('MaterialService.verify', () => {
  it('is ok for the declared bytes and marks the record verified, from pending only', async () => {
    stored([record]);
    object(bytes);
    expect(await verify([ID])).toEqual([{ id: ID, kind: 'articles_of_association', ok: true }]);
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'documents',
      Key: `materials/${ID}`,
    });
    const update = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.Key).toEqual({ pk: `MAT#${ID}`, sk: 'MAT' });
    expect(update.ConditionExpression).toBe('#status = :pending');
    expect(
      dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems?.registry?.ConsistentRead,
    ).toBe(true);
  });

  it('writes nothing for a record already verified, and takes a lost race to verify as done', async () => {
    stored([{ ...record, status: 'verified' }]);
    object(bytes);
    expect((await verify([ID]))[0]!.ok).toBe(true);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);

    dynamo.reset();
    stored([record]);
    dynamo.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'x', $metadata: {} }));
    object(bytes);
    expect((await verify([ID]))[0]!.ok).toBe(true);
  });

  it("says 'not uploaded yet' while the object is missing", async () => {
    stored([record]);
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );
    expect(await verify([ID])).toEqual([
      { id: ID, kind: 'articles_of_association', ok: false, problem: 'not uploaded yet' },
    ]);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it("says 'size differs' without reading the body through", async () => {
    stored([record]);
    const longer = Buffer.concat([bytes, Buffer.from('!')]);
    const body = Readable.from([longer]);
    s3.on(GetObjectCommand).resolves({
      ContentLength: longer.length,
      ContentType: 'application/pdf',
      Body: body as unknown as GetObjectCommandOutput['Body'],
    });
    expect((await verify([ID]))[0]).toMatchObject({ ok: false, problem: 'size differs' });
    expect(body.destroyed).toBe(true);
  });

  it("says 'SHA-256 differs' for other bytes of the declared length", async () => {
    stored([record]);
    object(Buffer.from(bytes.toString().toUpperCase()));
    expect((await verify([ID]))[0]).toMatchObject({ ok: false, problem: 'SHA-256 differs' });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it("says 'content type differs' when the object was stored as another type", async () => {
    stored([record]);
    object(bytes, 'image/png');
    expect((await verify([ID]))[0]).toMatchObject({ ok: false, problem: 'content type differs' });
  });

  it("says 'not found' for an unknown id, another's material or a malformed id, and reveals no kind", async () => {
    stored([record]);
    object(bytes);
    const checks = await verify([ID, '01kabcdefg0123456789zzzzzz', 'materials/../x'], { sub: 'bob' });
    expect(checks).toEqual([
      { id: ID, kind: '', ok: false, problem: 'not found' },
      { id: '01kabcdefg0123456789zzzzzz', kind: '', ok: false, problem: 'not found' },
      { id: 'materials/../x', kind: '', ok: false, problem: 'not found' },
    ]);
    // The malformed id is never looked up; nobody's object is read.
    expect(dynamo.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems?.registry?.Keys).toHaveLength(
      2,
    );
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('answers one check per id given, in order, reading a repeated id once', async () => {
    stored([record]);
    object(bytes);
    const checks = await verify([ID, ID]);
    expect(checks.map((c) => c.ok)).toEqual([true, true]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('asks again for the keys a throttled batch left unread', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { registry: [] },
        UnprocessedKeys: { registry: { Keys: [{ pk: `MAT#${ID}`, sk: 'MAT' }] } },
      })
      .resolves({ Responses: { registry: [{ pk: `MAT#${ID}`, sk: 'MAT', ...record }] } });
    dynamo.on(UpdateCommand).resolves({});
    object(bytes);
    expect((await verify([ID]))[0]!.ok).toBe(true);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
  });

  it('lets a storage failure through, so the task retries instead of calling the material bad', async () => {
    stored([record]);
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    await expect(verify([ID])).rejects.toThrow('Access Denied');
  });

  it('gives one memoized verifier to the workflow', () => {
    expect(defaultMaterialVerifier()).toBe(defaultMaterialVerifier());
  });
});

describe('belongsTo', () => {
  const clerkMade: MaterialRecord = { ...record, ownerSub: 'clerk-1', branchId: 'B-1', channel: 'bank' };

  it('admits the same sub, the same verified person, and a clerk of the same branch', () => {
    expect(belongsTo(record, { sub: 'alice' })).toBe(true);
    expect(belongsTo({ ...record, ownerIdHash: 'h1' }, { sub: 'alice-web', idHash: 'h1' })).toBe(true);
    expect(belongsTo(clerkMade, { sub: 'clerk-2', branchId: 'B-1' })).toBe(true);
  });

  it('refuses everyone else, including an absent idHash on both sides and another branch', () => {
    expect(belongsTo(record, { sub: 'bob' })).toBe(false);
    expect(belongsTo(record, { sub: 'bob', idHash: 'h1' })).toBe(false);
    expect(belongsTo(clerkMade, { sub: 'clerk-3', branchId: 'B-2' })).toBe(false);
    expect(belongsTo(record, { sub: 'clerk-3', branchId: 'B-1' })).toBe(false);
  });
});
