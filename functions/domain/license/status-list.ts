/**
 * W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/) for revocation.
 * A verifier downloads the whole list, so the registry never learns which license is being checked;
 * 131,072 entries (16 KB before compression) is the recommendation's minimum for that herd privacy.
 * Bit 0 is the most significant bit of byte 0 (the leftmost bit). Encoded as GZIP, base64url, then the
 * multibase prefix `u`.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { VC_CONTEXT } from './credential.ts';

export const MIN_STATUS_LIST_ENTRIES = 131_072;

export class StatusListError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'StatusListError';
  }
}

/** A list of `entries` bits, all 0 (every license active). */
export function emptyStatusList(entries = MIN_STATUS_LIST_ENTRIES): Uint8Array {
  if (entries < MIN_STATUS_LIST_ENTRIES || entries % 8 !== 0)
    throw new StatusListError(
      `a status list has at least ${MIN_STATUS_LIST_ENTRIES} entries, a multiple of 8`,
    );
  return new Uint8Array(entries / 8);
}

export function statusListLength(bits: Uint8Array): number {
  return bits.length * 8;
}

function locate(bits: Uint8Array, index: number): [byte: number, mask: number] {
  if (!Number.isInteger(index) || index < 0 || index >= statusListLength(bits))
    throw new StatusListError(
      `status index ${index} is outside the list of ${statusListLength(bits)} entries`,
    );
  return [index >> 3, 0x80 >> (index & 7)];
}

export function getStatusBit(bits: Uint8Array, index: number): boolean {
  const [byte, mask] = locate(bits, index);
  return (bits[byte]! & mask) !== 0;
}

/** A copy with the bit set (revoked): lists are values, so a failed write never leaves a half-change. */
export function setStatusBit(bits: Uint8Array, index: number): Uint8Array {
  const [byte, mask] = locate(bits, index);
  const next = bits.slice();
  next[byte] = next[byte]! | mask;
  return next;
}

export function clearStatusBit(bits: Uint8Array, index: number): Uint8Array {
  const [byte, mask] = locate(bits, index);
  const next = bits.slice();
  next[byte] = next[byte]! & ~mask;
  return next;
}

export function encodeStatusList(bits: Uint8Array): string {
  return `u${gzipSync(bits).toString('base64url')}`;
}

/** The bits of an `encodedList`; throws StatusListError on anything that is not one. */
export function decodeStatusList(encoded: string): Uint8Array {
  if (!encoded.startsWith('u')) throw new StatusListError('encodedList lacks the multibase prefix u');
  let bits: Buffer;
  try {
    // A cap well above any real list keeps a hostile list from inflating without bound.
    bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: 16 * 1024 * 1024 });
  } catch {
    throw new StatusListError('encodedList is not GZIP-compressed base64url');
  }
  if (bits.length * 8 < MIN_STATUS_LIST_ENTRIES)
    throw new StatusListError(`a status list has at least ${MIN_STATUS_LIST_ENTRIES} entries`);
  return new Uint8Array(bits);
}

export const statusListCredentialSchema = z.strictObject({
  '@context': z.tuple([z.literal(VC_CONTEXT)]),
  id: z.url(),
  type: z.tuple([z.literal('VerifiableCredential'), z.literal('BitstringStatusListCredential')]),
  issuer: z.url(),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }).optional(),
  credentialSubject: z.strictObject({
    id: z.url(),
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.literal('revocation'),
    encodedList: z.string().startsWith('u'),
  }),
});

export type StatusListCredential = z.infer<typeof statusListCredentialSchema>;

export interface StatusListIssue {
  /** The list's URL: what each license's `statusListCredential` points to. */
  url: string;
  issuer: string;
  bits: Uint8Array;
  validFrom: Date;
  /** Verifiers treat a list past this as stale and refetch it; caches should not outlive it. */
  validUntil?: Date;
}

/**
 * How long a signed status list vouches for its bits (validUntil − validFrom). A verifier refuses a list
 * past its validUntil (`status-list-expired`), so a copy saved before a revocation stops vouching for the
 * revoked license within this time: it bounds the replay window of offline verification. One day is the
 * refetch rhythm the integrators' guide asks of banks, and costs the registry one signature per list per
 * half day (statusListNeedsRefresh); a shorter window would make a bank's offline cache go stale within
 * a working day.
 */
export const STATUS_LIST_VALIDITY_MS = 24 * 3_600_000;

/** The validUntil of a list signed at `validFrom`. */
export function statusListValidUntil(validFrom: Date): Date {
  return new Date(validFrom.getTime() + STATUS_LIST_VALIDITY_MS);
}

/**
 * Whether the published list should be signed again before it is served: past half its life (so every
 * list served stays good for at least 12 hours, and a relying party refetching that often never holds an
 * expired one), or one published before lists carried a validUntil (which a verifier accepts for ever).
 */
export function statusListNeedsRefresh(
  list: Pick<StatusListCredential, 'validFrom' | 'validUntil'>,
  now: Date,
): boolean {
  if (!list.validUntil) return true;
  const until = Date.parse(list.validUntil);
  const from = Date.parse(list.validFrom);
  return now.getTime() >= from + (until - from) / 2;
}

export function buildStatusListCredential(issue: StatusListIssue): StatusListCredential {
  return statusListCredentialSchema.parse({
    '@context': [VC_CONTEXT],
    id: issue.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issue.issuer,
    validFrom: issue.validFrom.toISOString(),
    ...(issue.validUntil ? { validUntil: issue.validUntil.toISOString() } : {}),
    credentialSubject: {
      id: `${issue.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(issue.bits),
    },
  });
}

/**
 * The status slot of the n-th license issued into a list of `entries` (a power of two): an odd
 * multiplier is a bijection modulo 2^k, so slots never collide, yet neighbours in issue order land far
 * apart and a slot tells nothing about when, or next to whom, a license was issued.
 */
export function scatterStatusIndex(sequence: number, entries = MIN_STATUS_LIST_ENTRIES): number {
  if (entries < MIN_STATUS_LIST_ENTRIES || (entries & (entries - 1)) !== 0)
    throw new StatusListError('scattered slots need a list whose size is a power of two');
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= entries)
    throw new StatusListError(`the list of ${entries} entries is full at sequence ${sequence}`);
  return Number((BigInt(sequence) * 0x9e3779b1n + 0x5bd1n) % BigInt(entries));
}
