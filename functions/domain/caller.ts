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

/** What ownership is judged on: who filed the record, for whom, and through which channel. */
export interface Owned {
  ownerSub: string;
  ownerIdHash?: string | undefined;
  /** `bank`: a clerk filed it for the person at the counter, who alone owns it. */
  channel?: 'online' | 'bank' | undefined;
  branchId?: string | undefined;
}

/**
 * Ownership is a person, not a login (the one function every ownership check goes through). A record
 * filed online belongs to the `sub` that filed it and to the person whose verified identity it carries;
 * a record filed at a bank counter belongs to the applicant whose identity the clerk recorded, never to
 * the clerk, whose access comes from the branch (`servesBranch`).
 */
export function owns(caller: Caller, record: Owned): boolean {
  const samePerson = Boolean(caller.idHash && record.ownerIdHash && caller.idHash === record.ownerIdHash);
  if (record.channel === 'bank') return caller.role === 'applicant' && samePerson;
  return record.ownerSub === caller.sub || samePerson;
}

/** A clerk of the branch that took the record at its counter. */
export function servesBranch(caller: Caller, record: Owned): boolean {
  return caller.role === 'bank_clerk' && Boolean(record.branchId) && record.branchId === caller.branchId;
}

/** The partition of a person's records: their verified identity where known, else their sub. */
export const ownerPartition = (r: { ownerSub: string; ownerIdHash?: string | undefined }) =>
  r.ownerIdHash ? `PERSON#${r.ownerIdHash}` : `OWNER#${r.ownerSub}`;
