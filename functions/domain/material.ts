/**
 * Materials (申请材料): what the uploader declared (kind, type, size, SHA-256), who owns it, and whether
 * the stored object was found to match. The file itself goes to the documents bucket under `materials/<id>`.
 */
import type { Caller } from './caller.ts';

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

export interface MaterialOwner {
  sub: string;
  idHash?: string;
  /** Set when a bank clerk took the material at the counter. */
  branchId?: string;
}

export interface MaterialCheck {
  id: string;
  kind: string;
  /** True when the object exists, its size and SHA-256 match what was declared, and it is the owner's. */
  ok: boolean;
  /** Why not, in plain words (never personal data). */
  problem?: string;
}

/** The object key: the generated id only, so the bucket holds no names or identity numbers. */
export const materialObjectKey = (id: string) => `materials/${id}`;

/** The shape ids are made in; anything else cannot be a material, so it is refused without a lookup. */
export const MATERIAL_ID = /^[0-9a-z]{26}$/;

/**
 * Whose material it is: the sub that requested it, the person whose verified identity it carries, or
 * any clerk of the branch that took it at the counter (a colleague may file what another one scanned).
 */
export function belongsTo(record: MaterialRecord, owner: MaterialOwner): boolean {
  if (record.ownerSub === owner.sub) return true;
  if (owner.idHash && record.ownerIdHash === owner.idHash) return true;
  return Boolean(owner.branchId && record.branchId === owner.branchId);
}

/** Who owns a material requested by this caller: a clerk's material belongs to the clerk's branch too. */
export function materialOwnership(
  caller: Caller,
): Pick<MaterialRecord, 'ownerSub' | 'ownerIdHash' | 'branchId' | 'channel'> {
  if (caller.role === 'bank_clerk')
    // The clerk's own identity is not the applicant's: it is never recorded as the owner's.
    return {
      ownerSub: caller.sub,
      channel: 'bank',
      ...(caller.branchId ? { branchId: caller.branchId } : {}),
    };
  return {
    ownerSub: caller.sub,
    channel: 'online',
    ...(caller.idHash ? { ownerIdHash: caller.idHash } : {}),
  };
}
