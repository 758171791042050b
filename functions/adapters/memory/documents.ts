/**
 * The in-memory twin of s3-documents.ts: a presigned upload is a `memory://` URL with the headers S3
 * would require; tests place objects with `put` and the digest is taken as the S3 adapter takes it.
 */
import { createHash } from 'node:crypto';
import type { DeclaredObject, DocumentStore, PresignedUpload, StoredDigest } from '#ports/documents';

interface StoredObject {
  bytes: Uint8Array;
  contentType: string;
}

export class MemoryDocumentStore implements DocumentStore {
  private readonly objects = new Map<string, StoredObject>();
  /** Inspection: every upload presigned, by key (the last declaration for a key). */
  readonly presigned = new Map<string, DeclaredObject>();

  async presignPut(
    key: string,
    declared: DeclaredObject,
    now: Date,
    ttlSeconds: number,
  ): Promise<PresignedUpload> {
    const checksum = Buffer.from(declared.sha256, 'hex').toString('base64');
    const expiresAt = new Date(now.getTime() + ttlSeconds * 1000);
    this.presigned.set(key, { ...declared });
    return {
      url: `memory://documents/${encodeURI(key)}?expires=${encodeURIComponent(expiresAt.toISOString())}`,
      headers: {
        'content-type': declared.contentType,
        'content-length': String(declared.size),
        'x-amz-checksum-sha256': checksum,
      },
      expiresAt,
    };
  }

  async digest(key: string, expectedSize: number): Promise<StoredDigest> {
    const found = this.objects.get(key);
    if (!found) return { state: 'missing' };
    // As S3 reports it and the S3 adapter reads it: the media type alone, lower case.
    const contentType = (found.contentType.split(';')[0] ?? '').trim().toLowerCase();
    const size = found.bytes.byteLength;
    // A size other than the expected one cannot have the declared hash: it is not computed.
    if (size !== expectedSize) return { state: 'present', contentType, size };
    return {
      state: 'present',
      contentType,
      size,
      sha256: createHash('sha256').update(found.bytes).digest('hex'),
    };
  }

  /** Test helper: an object as if uploaded (no check against a declaration: tests place wrong ones too). */
  put(key: string, bytes: Uint8Array | string, contentType: string): void {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes);
    this.objects.set(key, { bytes: data, contentType });
  }

  /** Test helper: the bytes stored under `key` (a copy), if any. */
  get(key: string): Uint8Array | undefined {
    const found = this.objects.get(key);
    return found ? new Uint8Array(found.bytes) : undefined;
  }
}
