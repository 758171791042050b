/**
 * Documents in the documents bucket: presigned uploads bound to what the uploader declared, and the
 * digest of what actually landed. Keys are generated ids (`materials/<id>`), never names or numbers.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  NoSuchKey,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DOCUMENTS_BUCKET } from '#contract/tables';
import type { DeclaredObject, DocumentStore, PresignedUpload, StoredDigest } from '#ports/documents';
import { s3Client } from './clients.ts';
import { requireEnv } from './config.ts';

export class S3Documents implements DocumentStore {
  constructor(
    private readonly s3 = s3Client(),
    private readonly bucket = requireEnv(DOCUMENTS_BUCKET.envVar),
  ) {}

  /**
   * A PUT URL that S3 honours only with the declared content type, the exact length and the declared
   * SHA-256: the three are signed headers, so another file, type or size fails the signature or the
   * checksum (400 BadDigest) and never replaces the object. Presigning is local: no round trip.
   */
  async presignPut(
    key: string,
    declared: DeclaredObject,
    now: Date,
    ttlSeconds: number,
  ): Promise<PresignedUpload> {
    const checksum = Buffer.from(declared.sha256, 'hex').toString('base64');
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: declared.contentType,
        ContentLength: declared.size,
        ChecksumSHA256: checksum,
      }),
      {
        expiresIn: ttlSeconds,
        signingDate: now,
        // The presigner leaves content-type unsigned by default, and moves x-amz-* headers into the query,
        // where S3 does not check a checksum: keep both as signed headers the uploader must send.
        signableHeaders: new Set(['content-type', 'content-length']),
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      },
    );
    return {
      url,
      headers: {
        'content-type': declared.contentType,
        'content-length': String(declared.size),
        'x-amz-checksum-sha256': checksum,
      },
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    };
  }

  /**
   * Streams the object through SHA-256 (never held in memory whole). When the stored size is not the
   * expected one the body is dropped unread: its hash could not match anyway.
   */
  async digest(key: string, expectedSize: number): Promise<StoredDigest> {
    let out: GetObjectCommandOutput;
    try {
      out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (error) {
      // In the cloud a missing key reads as NoSuchKey only with s3:ListBucket; without it S3 says
      // AccessDenied, which is left to fail loudly rather than be mistaken for "not uploaded yet".
      if (error instanceof NoSuchKey || (error as Error).name === 'NotFound') return { state: 'missing' };
      throw error;
    }
    const contentType = (out.ContentType ?? '').split(';')[0]!.trim().toLowerCase();
    const body = out.Body;
    if (!(body instanceof Readable)) throw new Error(`documents: no readable body for ${key}`);
    if (out.ContentLength !== expectedSize) {
      body.destroy();
      return { state: 'present', contentType, size: out.ContentLength ?? -1 };
    }
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      hash.update(chunk as Buffer);
    }
    return { state: 'present', contentType, size, sha256: hash.digest('hex') };
  }
}
