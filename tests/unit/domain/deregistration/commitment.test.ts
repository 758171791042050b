/** The commitment: every investor on record signs it, each signatory is one of them (全体投资人承诺). */
import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import {
  commitmentReasons,
  type InvestorOnRecord,
  matchSignatories,
  mayFile,
  signatoriesOf,
} from '#domain/deregistration/commitment';

const zhang: InvestorOnRecord = { name: '张伟', idHash: 'h-zhang', kind: 'natural_person' };
const li: InvestorOnRecord = { name: '李娜', kind: 'natural_person' };
const corp: InvestorOnRecord = { name: '深圳市星河蓝海科技有限公司', kind: 'legal_person' };
const smith: InvestorOnRecord = { name: 'John Smith (约翰)', idHash: 'h-smith', kind: 'natural_person' };
const investors = [zhang, li, corp];

describe('matchSignatories', () => {
  it('is complete when every investor signs, whatever the order', () => {
    expect(
      matchSignatories(investors, [
        { name: '深圳市星河蓝海科技有限公司' },
        { name: '李娜' },
        { name: '张伟' },
      ]),
    ).toEqual({ complete: true, missing: [], unknown: [] });
  });

  it('matches names typed with full-width characters and surrounding spaces', () => {
    const match = matchSignatories(
      [smith, li],
      [{ name: '　Ｊｏｈｎ　Ｓｍｉｔｈ　（约翰）' }, { name: ' 李娜\u3000' }],
    );
    expect(match).toEqual({ complete: true, missing: [], unknown: [] });
  });

  it('names who is missing, as on record', () => {
    expect(matchSignatories(investors, [{ name: '张伟' }])).toEqual({
      complete: false,
      missing: ['李娜', '深圳市星河蓝海科技有限公司'],
      unknown: [],
    });
  });

  it('names a signatory who is no investor, as signed', () => {
    expect(matchSignatories([li], [{ name: '李娜' }, { name: '王芳' }])).toEqual({
      complete: false,
      missing: [],
      unknown: ['王芳'],
    });
  });

  it('lets a verified identity decide: a namesake with another identity signs for nobody', () => {
    expect(matchSignatories([zhang], [{ name: '张伟', idHash: 'h-other' }])).toEqual({
      complete: false,
      missing: ['张伟'],
      unknown: ['张伟'],
    });
    expect(matchSignatories([zhang], [{ name: '张伟', idHash: 'h-zhang' }]).complete).toBe(true);
    // Either side without an identity: the name decides.
    expect(matchSignatories([li], [{ name: '李娜', idHash: 'h-li' }]).complete).toBe(true);
  });

  it('does not match an identity without its name', () => {
    expect(matchSignatories([zhang], [{ name: '张三', idHash: 'h-zhang' }])).toEqual({
      complete: false,
      missing: ['张伟'],
      unknown: ['张三'],
    });
  });

  it('needs one signature per investor: two namesakes on record need two, one name signed twice is one', () => {
    const twins: InvestorOnRecord[] = [
      { name: '王伟', idHash: 'h-1', kind: 'natural_person' },
      { name: '王伟', kind: 'natural_person' },
    ];
    expect(matchSignatories(twins, [{ name: '王伟' }])).toMatchObject({ complete: false, missing: ['王伟'] });
    // The verified signer pairs with their own record, the bare name with the other.
    expect(matchSignatories(twins, [{ name: '王伟' }, { name: '王伟', idHash: 'h-1' }]).complete).toBe(true);
    expect(matchSignatories([li], [{ name: '李娜' }, { name: '李娜' }])).toEqual({
      complete: false,
      missing: [],
      unknown: ['李娜'],
    });
  });

  it('pairs a verified signer before bare names take the namesake without an identity', () => {
    const onRecord: InvestorOnRecord[] = [
      { name: '王伟', kind: 'natural_person' },
      { name: '王伟', idHash: 'h-1', kind: 'natural_person' },
    ];
    const match = matchSignatories(onRecord, [{ name: '王伟' }, { name: '王伟', idHash: 'h-2' }]);
    expect(match.complete).toBe(true);
  });

  it('is never complete with nobody signing', () => {
    expect(matchSignatories([], [])).toEqual({ complete: false, missing: [], unknown: [] });
  });
});

describe('commitmentReasons', () => {
  it('gives the missing and the unknown at once, with the basis', () => {
    const reasons = commitmentReasons({ complete: false, missing: ['李娜', '张伟'], unknown: ['王芳'] });
    expect(reasons.map((r) => [r.rule, r.message, r.basis])).toEqual([
      [
        'signatory-missing',
        '以下投资人未签署全体投资人承诺书：李娜、张伟',
        '市场主体登记管理条例 第三十三条',
      ],
      ['signatory-unknown', '以下签署人与登记在册的投资人不符：王芳', '市场主体登记管理条例 第三十三条'],
    ]);
    expect(reasons[0]?.messageEn).toBe('These investors have not signed the commitment: 李娜, 张伟');
    expect(commitmentReasons({ complete: true, missing: [], unknown: [] })).toEqual([]);
  });
});

describe('signatoriesOf', () => {
  it("attaches the filer's verified identity to their own name only", () => {
    expect(signatoriesOf(['李娜', 'Ｚ', '张伟'], investors, 'h-zhang')).toEqual([
      { name: '李娜' },
      { name: 'Ｚ' },
      { name: '张伟', idHash: 'h-zhang' },
    ]);
    expect(signatoriesOf(['张伟'], investors, 'h-stranger')).toEqual([{ name: '张伟' }]);
    expect(signatoriesOf(['张伟', '张伟'], investors, 'h-zhang')).toEqual([
      { name: '张伟', idHash: 'h-zhang' },
      { name: '张伟' },
    ]);
  });
});

describe('mayFile', () => {
  const online = { ownerSub: 'owner-1', ownerIdHash: 'h-owner', channel: 'online' as const };
  const atCounter = {
    ownerSub: 'clerk-1',
    ownerIdHash: 'h-owner',
    channel: 'bank' as const,
    branchId: 'B001',
  };
  const applicant = (sub: string, idHash?: string): Caller => ({
    sub,
    role: 'applicant',
    ...(idHash ? { idHash } : {}),
  });

  it('lets the owner file, by sub or by verified identity', () => {
    expect(mayFile(applicant('owner-1'), online, investors)).toBe(true);
    expect(mayFile(applicant('elsewhere', 'h-owner'), online, investors)).toBe(true);
    expect(mayFile(applicant('elsewhere', 'h-owner'), atCounter, investors)).toBe(true);
  });

  it('lets an investor verified by identity file, and no one else', () => {
    expect(mayFile(applicant('zhang-online', 'h-zhang'), online, investors)).toBe(true);
    expect(mayFile(applicant('stranger', 'h-stranger'), online, investors)).toBe(false);
    // A name alone proves nothing: 李娜 has no identity on record.
    expect(mayFile(applicant('li-na'), online, investors)).toBe(false);
  });

  it('never lets a clerk file, not even the one who registered it nor one carrying an investor identity', () => {
    const clerk: Caller = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B001', idHash: 'h-zhang' };
    expect(mayFile(clerk, atCounter, investors)).toBe(false);
    expect(mayFile({ ...clerk, sub: 'owner-1' }, online, investors)).toBe(false);
  });

  it('never lets an examiner, a department or an operator file', () => {
    for (const role of ['examiner', 'department', 'operator'] as const)
      expect(mayFile({ sub: 'owner-1', role, idHash: 'h-owner' }, online, investors)).toBe(false);
  });
});
