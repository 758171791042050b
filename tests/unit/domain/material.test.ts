import { describe, expect, it } from 'vitest';
import {
  belongsTo,
  MATERIAL_ID,
  type MaterialRecord,
  materialObjectKey,
  materialOwnership,
} from '#domain/material';

const record: MaterialRecord = {
  id: '01kabcdefg0123456789abcdef',
  kind: 'articles_of_association',
  fileName: 'articles.pdf',
  contentType: 'application/pdf',
  size: 44,
  sha256: 'a'.repeat(64),
  status: 'pending',
  ownerSub: 'alice',
  channel: 'online',
  createdAt: '2026-01-05T01:00:00.000Z',
  uploadExpiresAt: '2026-01-05T01:15:00.000Z',
};

describe('belongsTo', () => {
  const clerkMade: MaterialRecord = { ...record, ownerSub: 'clerk-1', branchId: 'B-1', channel: 'bank' };

  it('admits the same sub, the same verified person, and a clerk of the same branch', () => {
    expect(belongsTo(record, { sub: 'alice' })).toBe(true);
    expect(belongsTo({ ...record, ownerIdHash: 'h1' }, { sub: 'alice-web', idHash: 'h1' })).toBe(true);
    expect(belongsTo(clerkMade, { sub: 'clerk-2', branchId: 'B-1' })).toBe(true);
  });

  it('refuses everyone else, including an absent idHash on both sides and another branch', () => {
    expect(belongsTo(record, { sub: 'bob' })).toBe(false);
    expect(belongsTo(record, { sub: 'bob', idHash: 'h1' })).toBe(false);
    expect(belongsTo(clerkMade, { sub: 'clerk-3', branchId: 'B-2' })).toBe(false);
    expect(belongsTo(record, { sub: 'clerk-3', branchId: 'B-1' })).toBe(false);
  });
});

describe('materialOwnership', () => {
  it("records an applicant's material under their sub and verified identity, online", () => {
    expect(materialOwnership({ sub: 'alice', role: 'applicant', idHash: 'h1' })).toEqual({
      ownerSub: 'alice',
      ownerIdHash: 'h1',
      channel: 'online',
    });
    expect(materialOwnership({ sub: 'alice', role: 'applicant' })).toEqual({
      ownerSub: 'alice',
      channel: 'online',
    });
  });

  it("records a clerk's material under the branch, never with the clerk's identity as the owner's", () => {
    const owned = materialOwnership({ sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1', idHash: 'c1' });
    expect(owned).toEqual({ ownerSub: 'clerk-1', branchId: 'B-1', channel: 'bank' });
    expect(owned).not.toHaveProperty('ownerIdHash');
  });
});

describe('material ids and keys', () => {
  it('keys the object by the id alone, and accepts only ids of the generated shape', () => {
    expect(materialObjectKey(record.id)).toBe(`materials/${record.id}`);
    expect(MATERIAL_ID.test(record.id)).toBe(true);
    expect(MATERIAL_ID.test('materials/../x')).toBe(false);
    expect(MATERIAL_ID.test(record.id.toUpperCase())).toBe(false);
  });
});
