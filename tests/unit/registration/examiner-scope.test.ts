import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { examinerScope, examinesFor, maySeeRegistration } from '#domain/registration/access';
import type { RegistrationRecord } from '#domain/registration/record';

const examiner = (authority?: string): Caller => ({
  sub: 'e',
  role: 'examiner',
  ...(authority ? { authority } : {}),
});

describe("an examiner token's authority", () => {
  it('scopes a known division to its registration authority', () => {
    expect(examinerScope(examiner('440305'))).toBe('440300');
  });

  it('names no scope when it is missing or is no division, so such a token examines nothing', () => {
    expect(examinerScope(examiner())).toBeUndefined();
    expect(examinerScope(examiner('999999'))).toBeUndefined();
    expect(examinesFor(examiner('999999'), '440305')).toBe(false);
    const record = { authorityScope: '440300' } as RegistrationRecord;
    expect(maySeeRegistration(examiner('999999'), record)).toBe(false);
  });
});
