/** Who is calling, as the token says: the security model of architecture.md. */
export const ROLES = ['applicant', 'bank_clerk', 'examiner', 'department', 'operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  sub: string;
  role: Role;
  /** A clerk's branch. */
  branchId?: string;
  /** A department's code. */
  departmentCode?: string;
  /** An examiner's registration authority (6-digit division code). */
  authority?: string;
  /** SHA-256 of the resident identity number, present when the identity provider verified the real name. */
  idHash?: string;
}

/**
 * Ownership: a record belongs to the `sub` that created it, and to the person whose verified identity is
 * recorded on it, so a person served at a bank counter can later sign in online and see it as their own.
 */
export function owns(
  caller: Caller,
  record: { ownerSub: string; ownerIdHash?: string | undefined },
): boolean {
  if (record.ownerSub === caller.sub) return true;
  return Boolean(caller.idHash && record.ownerIdHash && caller.idHash === record.ownerIdHash);
}

/** The partition of a person's records: their verified identity where known, else their sub. */
export const ownerPartition = (r: { ownerSub: string; ownerIdHash?: string | undefined }) =>
  r.ownerIdHash ? `PERSON#${r.ownerIdHash}` : `OWNER#${r.ownerSub}`;
