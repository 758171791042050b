import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3Documents } from '#adapters/s3-documents';

// What only the S3 adapter does: sign the declared type, exact length and SHA-256 into the upload URL,
// and stream what landed through SHA-256. The SDK is mocked at the client; presigning is local.
const s3 = mockClient(S3Client);
const client = new S3Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  forcePathStyle: true,
});
const documents = () => new S3Documents(client, 'documents');

beforeEach(() => s3.reset());

const bytes = Buffer.from('%PDF-1.7 a signed application form');
const sha256 = createHash('sha256').update(bytes).digest('hex');
const KEY = 'materials/01kabcdefg0123456789abcdef';
const NOW = new Date('2026-01-05T01:00:00.000Z');

/** The object as S3 returns it: headers from the stored object, the body a stream read in chunks. */
function object(body: Buffer, contentType = 'application/pdf') {
  s3.on(GetObjectCommand).resolves({
    ContentLength: body.length,
    ContentType: contentType,
    Body: Readable.from([body.subarray(0, 7), body.subarray(7)]) as unknown as GetObjectCommandOutput['Body'],
  });
}

describe('S3Documents.presignPut', () => {
  it('signs the type, exact length and SHA-256 into the URL as headers the PUT must send', async () => {
    const declared = { contentType: 'application/pdf', size: bytes.length, sha256 };
    const upload = await documents().presignPut(KEY, declared, NOW, 900);
    const url = new URL(upload.url);
    expect(url.pathname).toBe(`/documents/${KEY}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;x-amz-checksum-sha256',
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260105T010000Z');
    // Signed as headers, not hoisted into the query, where S3 would not enforce them.
    expect([...url.searchParams.keys()].map((k) => k.toLowerCase())).not.toContain('x-amz-checksum-sha256');
    expect(upload.headers).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(bytes.length),
      'x-amz-checksum-sha256': createHash('sha256').update(bytes).digest('base64'),
    });
    expect(upload.expiresAt).toEqual(new Date(NOW.getTime() + 900_000));
    // Presigning is local: no round trip.
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('S3Documents.digest', () => {
  it('streams the object through SHA-256 and reports its media type in lower case', async () => {
    object(bytes, 'Application/PDF; charset=binary');
    expect(await documents().digest(KEY, bytes.length)).toEqual({
      state: 'present',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256,
    });
    expect(s3.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'documents', Key: KEY });
  });

  it('reports a missing object as missing', async () => {
    s3.on(GetObjectCommand).rejects(
      new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }),
    );
    expect(await documents().digest(KEY, bytes.length)).toEqual({ state: 'missing' });
  });

  it('drops the body of an object of another size unread, without a hash', async () => {
    const longer = Buffer.concat([bytes, Buffer.from('!')]);
    const body = Readable.from([longer]);
    s3.on(GetObjectCommand).resolves({
      ContentLength: longer.length,
      ContentType: 'application/pdf',
      Body: body as unknown as GetObjectCommandOutput['Body'],
    });
    expect(await documents().digest(KEY, bytes.length)).toEqual({
      state: 'present',
      contentType: 'application/pdf',
      size: longer.length,
    });
    expect(body.destroyed).toBe(true);
  });

  it('lets any other storage failure through, rather than call the object missing', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    await expect(documents().digest(KEY, bytes.length)).rejects.toThrow('Access Denied');
  });
});
