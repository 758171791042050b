/** Ownership is a person, not a login (the hardening issue): one function decides it everywhere. */
import { describe, expect, it } from 'vitest';
import { type Caller, owns, servesBranch } from '#domain/caller';

const clerk: Caller = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B001' };
const applicant: Caller = { sub: 'zhang', role: 'applicant', idHash: 'h-zhang' };
const filedAtCounter = {
  ownerSub: 'clerk-1',
  ownerIdHash: 'h-zhang',
  channel: 'bank' as const,
  branchId: 'B001',
};

describe('owns', () => {
  it('gives a bank-window record to the applicant the clerk recorded, never to the clerk', () => {
    expect(owns(applicant, filedAtCounter)).toBe(true);
    expect(owns(clerk, filedAtCounter)).toBe(false);
    // A clerk whose token carries the applicant's hash is still a clerk.
    expect(owns({ ...clerk, idHash: 'h-zhang' }, filedAtCounter)).toBe(false);
    expect(owns({ sub: 'clerk-1', role: 'applicant' }, filedAtCounter)).toBe(false);
  });

  it('gives an online record to its sub and to the verified person behind it', () => {
    const online = { ownerSub: 'zhang', channel: 'online' as const };
    expect(owns(applicant, online)).toBe(true);
    expect(
      owns({ sub: 'other', role: 'applicant', idHash: 'h-zhang' }, { ...online, ownerIdHash: 'h-zhang' }),
    ).toBe(true);
    expect(owns({ sub: 'other', role: 'applicant' }, online)).toBe(false);
  });

  it("lets a clerk of the branch reach the branch's records, and no other clerk", () => {
    expect(servesBranch(clerk, filedAtCounter)).toBe(true);
    expect(servesBranch({ ...clerk, branchId: 'B002' }, filedAtCounter)).toBe(false);
    expect(servesBranch(applicant, filedAtCounter)).toBe(false);
  });
});
