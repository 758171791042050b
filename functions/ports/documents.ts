/** What the uploader declared about an object: its type, exact size and SHA-256 (lower-case hex). */
export interface DeclaredObject {
  contentType: string;
  size: number;
  sha256: string;
}

export interface PresignedUpload {
  url: string;
  /** Every header the PUT must carry with exactly these values: each is part of the signature. */
  headers: Record<string, string>;
  expiresAt: Date;
}

/** What is stored under a key: `missing`, or its type and size, and its SHA-256 when the size matched. */
export type StoredDigest =
  | { state: 'missing' }
  | { state: 'present'; contentType: string; size: number; sha256?: string };

/** The documents bucket: uploads bound to what was declared, and the digest of what landed. */
export interface DocumentStore {
  presignPut(key: string, declared: DeclaredObject, now: Date, ttlSeconds: number): Promise<PresignedUpload>;
  /** Streams the object and hashes it, when its size is the one expected. */
  digest(key: string, expectedSize: number): Promise<StoredDigest>;
}
