import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { examinesFor, maySeeRegistration, maySupplement } from '#domain/registration/access';
import type { RegistrationRecord } from '#domain/registration/record';

const record = {
  ownerSub: 'alice',
  ownerIdHash: 'h1',
  branchId: 'ICBC-SZ-0001',
  authorityScope: '440300',
} as RegistrationRecord;
const as = (c: Partial<Caller>): Caller => ({ sub: 'x', role: 'applicant', ...c });

describe('who may see or act on a registration', () => {
  it('lets the owner in by sub or by verified identity, and nobody else of that role', () => {
    expect(maySeeRegistration(as({ sub: 'alice' }), record)).toBe(true);
    expect(maySeeRegistration(as({ sub: 'zhang', idHash: 'h1' }), record)).toBe(true);
    expect(maySeeRegistration(as({ sub: 'bob' }), record)).toBe(false);
  });

  it('lets a clerk of the branch that took it, an examiner of its authority (any district of the city), an operator', () => {
    expect(maySeeRegistration(as({ role: 'bank_clerk', branchId: 'ICBC-SZ-0001' }), record)).toBe(true);
    expect(maySeeRegistration(as({ role: 'bank_clerk', branchId: 'CCB-GZ-0001' }), record)).toBe(false);
    expect(maySeeRegistration(as({ role: 'examiner', authority: '440305' }), record)).toBe(true);
    expect(maySeeRegistration(as({ role: 'examiner', authority: '440106' }), record)).toBe(false);
    expect(maySeeRegistration(as({ role: 'examiner' }), record)).toBe(false);
    expect(maySeeRegistration(as({ role: 'operator' }), record)).toBe(true);
    expect(maySeeRegistration(as({ role: 'department', departmentCode: 'tax' }), record)).toBe(false);
  });

  it('lets only the owner or the branch clerk supplement; an examiner sees but may not', () => {
    expect(maySupplement(as({ sub: 'alice' }), record)).toBe(true);
    expect(maySupplement(as({ role: 'bank_clerk', branchId: 'ICBC-SZ-0001' }), record)).toBe(true);
    expect(maySupplement(as({ role: 'examiner', authority: '440305' }), record)).toBe(false);
  });

  it('matches an examiner to an enterprise by authority scope', () => {
    expect(examinesFor(as({ role: 'examiner', authority: '440305' }), '440300')).toBe(true);
    expect(examinesFor(as({ role: 'examiner', authority: '110105' }), '110108')).toBe(true);
    expect(examinesFor(as({ role: 'examiner', authority: '440106' }), '440300')).toBe(false);
  });
});
