/**
 * Who may see or act on what, decided on the resource (architecture.md, Security model). Anyone else
 * is answered 404, never 403: the existence of someone else's case is not revealed.
 */
import { type Caller, owns } from '../caller.ts';
import { authorityScope, loadDivisions, UnknownDivisionError } from '../names/divisions.ts';
import type { RegistrationRecord } from './record.ts';

/**
 * The scope of the examiner's registration authority; undefined for a token that names none, or names
 * an authority that is no division (such a token examines nothing: 403, like one without).
 */
export function examinerScope(caller: Caller): string | undefined {
  if (!caller.authority) return undefined;
  try {
    return authorityScope(caller.authority, loadDivisions());
  } catch (error) {
    if (error instanceof UnknownDivisionError) return undefined;
    throw error;
  }
}

/** An examiner of the authority a division belongs to (one prefecture-level city is one authority). */
export function examinesFor(caller: Caller, division: string): boolean {
  const scope = examinerScope(caller);
  return scope !== undefined && scope === authorityScope(division, loadDivisions());
}

/** Its owner (by sub or verified identity), a clerk of the branch that took it, an examiner of its authority, an operator. */
export function maySeeRegistration(caller: Caller, r: RegistrationRecord): boolean {
  switch (caller.role) {
    case 'applicant':
      return owns(caller, r);
    case 'bank_clerk':
      return Boolean(r.branchId && r.branchId === caller.branchId);
    case 'examiner':
      return examinerScope(caller) === r.authorityScope;
    case 'operator':
      return true;
    default:
      return false;
  }
}

/** Who may supplement a case: its owner, or the clerk of the branch that took it. */
export function maySupplement(caller: Caller, r: RegistrationRecord): boolean {
  if (caller.role === 'applicant') return owns(caller, r);
  return caller.role === 'bank_clerk' && Boolean(r.branchId) && r.branchId === caller.branchId;
}
