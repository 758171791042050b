/**
 * The e-license's stores: the license records (one per credit code and version) with the status lists
 * their revocation bits live in, and the printable PDFs in the documents bucket. What changes a license's
 * state writes its outbox event in the same transaction (the transactional outbox, architecture.md).
 */
import type { OutboxEvent } from '#domain/enterprise';
import type { LicenseFields } from '#domain/license/fields';
import type { LicenseNotice } from '#domain/license/notice';
import type { StatusListCredential } from '#domain/license/status-list';

export type LicenseStatus = 'active' | 'revoked';

/** Where a license's PDF is stored, and what it hashed to. */
export interface StoredPdf {
  key: string;
  sha256: string;
  size: number;
}

export interface LicenseRecord {
  creditCode: string;
  version: number;
  /** The registration the enterprise was made by. */
  registrationId: string;
  /** The signed credential: a `vc+jwt` compact JWS. */
  credential: string;
  kid: string;
  statusListId: string;
  statusIndex: number;
  status: LicenseStatus;
  issuedAt: string;
  pdf: StoredPdf;
  /** Why this version was issued: `registered` for the first, the reissue's reason after. */
  reason: string;
  revokedAt?: string;
  revocationReason?: string;
}

/**
 * A version's claim on its status slot and its issue instant, made once: a retried issuance finds the
 * same slot and the same instant, so it renders the same PDF and allocates no second index.
 */
export interface IssuanceClaim {
  statusListId: string;
  statusIndex: number;
  issuedAt: string;
}

export interface StatusListRecord {
  listId: string;
  /** The list's bits: bit i set means the license at index i is revoked. */
  bits: Uint8Array;
  /** The signed BitstringStatusListCredential as published. */
  jws: string;
  /** The same credential decoded, for the registry's own verification. */
  credential: StatusListCredential;
  /** Bumped by every write: a write made from an older read is refused (optimistic concurrency). */
  revision: number;
  updatedAt: string;
}

/** A status list's new state, written only if the stored one is still at `expectedRevision`. */
export interface StatusListWrite {
  listId: string;
  bits: Uint8Array;
  jws: string;
  credential: StatusListCredential;
  expectedRevision: number;
  updatedAt: string;
}

/** A version revoked by the same write, with its bit set in its list. */
export interface Revocation {
  creditCode: string;
  version: number;
  reason: string;
  at: string;
  statusList: StatusListWrite;
  event: OutboxEvent;
}

/** Everything an issuance writes at once. */
export interface LicenseIssuance {
  license: LicenseRecord;
  /** `license.issued`, the enterprise's next event. */
  event: OutboxEvent;
  /** The enterprise's event sequence before this write: the write fails if another event came first. */
  expectedEventSeq: number;
  /** On first issue: the registration that now shows the license (`licenseVersion`). */
  registrationId?: string;
  notice: LicenseNotice;
  /** On reissue: the version replaced, revoked in the same write (its event precedes `event`). */
  supersedes?: Revocation;
}

export type IssueOutcome = 'created' | 'already' | 'conflict';

export interface LicenseStore {
  /** The newest version of the enterprise's license, if any was issued. */
  current(creditCode: string): Promise<LicenseRecord | undefined>;
  get(creditCode: string, version: number): Promise<LicenseRecord | undefined>;
  /**
   * The status slot and issue instant of (creditCode, version): allocated atomically from the list's
   * sequence the first time, returned as stored every time after.
   */
  claimIssuance(creditCode: string, version: number, at: Date): Promise<IssuanceClaim>;
  /**
   * The license record, its outbox event(s), the registration's `licenseVersion` and the notice, in one
   * transaction. `already` when this version exists; `conflict` when the enterprise's event sequence or
   * the superseded version moved meanwhile (read again and retry).
   */
  issue(issuance: LicenseIssuance): Promise<IssueOutcome>;
  statusList(listId: string): Promise<StatusListRecord | undefined>;
  /** Publishes a new, empty list; false when it exists already. */
  createStatusList(list: Omit<StatusListWrite, 'expectedRevision'>): Promise<boolean>;
  /**
   * Publishes the list signed again (the same bits, a new validUntil) over `expectedRevision`; false when
   * another write (a revocation, a concurrent refresh) came first.
   */
  republishStatusList(list: StatusListWrite): Promise<boolean>;
  /**
   * Marks the version revoked, writes its list's new bits and the `license.revoked` event, at once.
   * `already` when the version is revoked; `conflict` when the list or the event sequence moved.
   */
  revoke(revocation: Revocation & { expectedEventSeq: number }): Promise<IssueOutcome>;
}

/** The PDFs: `licenses/<creditCode>/<version>.pdf` in the documents bucket. */
export interface LicenseDocuments {
  put(creditCode: string, version: number, pdf: Uint8Array): Promise<StoredPdf>;
  get(creditCode: string, version: number): Promise<Uint8Array | undefined>;
}

/** Draws the printable license. */
export interface LicensePdfRenderer {
  render(fields: LicenseFields, options: { verificationUrl: string }): Promise<Uint8Array>;
}

/** Where the registry is reached: the issuer of every credential and the base of every link. */
export interface LicensingConfig {
  baseUrl: string;
}

export function licensePdfKey(creditCode: string, version: number): string {
  return `licenses/${creditCode}/${version}.pdf`;
}
