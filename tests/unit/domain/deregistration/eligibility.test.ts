/** Simple deregistration eligibility (条例 第三十三条; 实施细则 第四十八条): every reason at once, each with its basis. */
import { describe, expect, it } from 'vitest';
import { type EnterpriseFacts, eligibility } from '#domain/deregistration/eligibility';
import {
  buildDeregistrationRules,
  type DeregistrationRulesSeed,
  loadDeregistrationRules,
  REGISTRY_LISTS,
  type RegistryList,
  type RegistryListEntry,
} from '#domain/deregistration/rules';
import seed from '#seeds/deregistration/lists.json' with { type: 'json' };

const CODE = '91440300MA5F000181';
const clean: EnterpriseFacts = {
  creditCode: CODE,
  status: 'active',
  entityType: 'limited_liability_company',
  businessScope: ['I65001'],
};
const entry = (list: RegistryList, reason = `on ${list}`, creditCode = CODE): RegistryListEntry => ({
  list,
  creditCode,
  reason,
  addedBy: 'examiner-440305',
  addedAt: '2026-07-01T09:00:00+08:00',
});
const rulesOf = (r: ReturnType<typeof eligibility>) => r.reasons.map((x) => x.rule);

describe('eligibility', () => {
  it('lets a clean active enterprise with settled debts close, recording the rules version', () => {
    const result = eligibility({ enterprise: clean, entries: [], commitment: { debtsSettled: true } });
    expect(result).toEqual({ eligible: true, reasons: [], version: seed.version });
  });

  it.each(REGISTRY_LISTS)('refuses an enterprise on the %s list, with the entry as detail', (list) => {
    const result = eligibility({ enterprise: clean, entries: [entry(list, '法院协助执行通知书')] });
    expect(result.eligible).toBe(false);
    expect(result.reasons).toHaveLength(1);
    const [reason] = result.reasons;
    expect(reason?.rule).toBe(list);
    expect(reason?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(reason?.messageEn.length).toBeGreaterThan(10);
    expect(reason?.basis).toMatch(/市场主体登记管理条例|国市监注发〔2021〕45号/);
    expect(reason?.detail).toBe('法院协助执行通知书');
  });

  it('cites the provision each kind of reason rests on', () => {
    const basis = (list: RegistryList) =>
      eligibility({ enterprise: clean, entries: [entry(list)] }).reasons[0]?.basis;
    expect(basis('abnormal-operation')).toContain('市场主体登记管理条例 第三十三条');
    expect(basis('movable-mortgage')).toBe('市场主体登记管理条例实施细则 第四十八条第（二）项');
    expect(basis('litigation')).toContain('第四十八条第（三）项');
    expect(basis('listed-company')).toBe('国市监注发〔2021〕45号');
  });

  it('gives every reason at once, in the seed order, one per rule however many entries name it', () => {
    const result = eligibility({
      enterprise: { ...clean, status: 'deregistering', licenseRevoked: true },
      entries: [
        entry('litigation', '买卖合同纠纷'),
        entry('equity-frozen', '冻结一'),
        entry('abnormal-operation'),
        entry('equity-frozen', '冻结二'),
      ],
      commitment: { debtsSettled: false },
    });
    expect(result.eligible).toBe(false);
    expect(rulesOf(result)).toEqual([
      'already-deregistering',
      'debts-not-settled',
      'abnormal-operation',
      'equity-frozen',
      'litigation',
      'license-revoked',
    ]);
    expect(result.reasons.find((r) => r.rule === 'equity-frozen')?.detail).toBe('冻结一；冻结二');
  });

  it('reads a revoked license, a closing order and a cancellation from the record as one rule', () => {
    const result = eligibility({
      enterprise: { ...clean, licenseRevoked: true, orderedClosed: true, registrationCancelled: true },
      entries: [entry('license-revoked', '吊销决定书')],
    });
    expect(rulesOf(result)).toEqual(['license-revoked']);
    expect(result.reasons[0]?.detail).toBe('吊销营业执照；责令关闭；撤销登记；吊销决定书');
  });

  it('refuses a listed company by its record as by the list', () => {
    expect(rulesOf(eligibility({ enterprise: { ...clean, listed: true }, entries: [] }))).toEqual([
      'listed-company',
    ]);
  });

  it('refuses a scope whose closing needs an approval, naming the items', () => {
    const result = eligibility({
      enterprise: { ...clean, businessScope: ['I65001', 'J66001'] },
      entries: [],
    });
    expect(rulesOf(result)).toEqual(['approval-required']);
    expect(result.reasons[0]?.detail).toBe('J66001 银行业务');
    // A post-registration permit is not an approval to close.
    expect(eligibility({ enterprise: { ...clean, businessScope: ['F51010'] }, entries: [] }).eligible).toBe(
      true,
    );
  });

  it('refuses an entity type whose closing needs an approval, when the rules name one', () => {
    const rules = buildDeregistrationRules({
      ...(seed as DeregistrationRulesSeed),
      version: 'test.1',
      approvalRequired: { scopeItems: [], entityTypes: ['foreign_invested_company'] },
    });
    const result = eligibility(
      { enterprise: { ...clean, entityType: 'foreign_invested_company' }, entries: [] },
      rules,
    );
    expect(rulesOf(result)).toEqual(['approval-required']);
    expect(result.version).toBe('test.1');
  });

  it('refuses an enterprise already deregistering or deregistered', () => {
    expect(rulesOf(eligibility({ enterprise: { ...clean, status: 'deregistering' }, entries: [] }))).toEqual([
      'already-deregistering',
    ]);
    expect(rulesOf(eligibility({ enterprise: { ...clean, status: 'deregistered' }, entries: [] }))).toEqual([
      'already-deregistered',
    ]);
  });

  it('refuses a commitment that debts are not settled, and judges none at a re-check without one', () => {
    expect(
      rulesOf(eligibility({ enterprise: clean, entries: [], commitment: { debtsSettled: false } })),
    ).toEqual(['debts-not-settled']);
    expect(eligibility({ enterprise: clean, entries: [] }).eligible).toBe(true);
  });

  it('ignores an entry naming another enterprise', () => {
    const other = entry('abnormal-operation', 'x', '91440300MA5F00026U');
    expect(eligibility({ enterprise: clean, entries: [other] }).eligible).toBe(true);
  });

  it('refuses a seed that lacks a rule, names an unknown one, or an unknown scope item', () => {
    const base = seed as DeregistrationRulesSeed;
    expect(() => buildDeregistrationRules({ ...base, lists: base.lists.slice(1) })).toThrow(
      /abnormal-operation missing/,
    );
    expect(() =>
      buildDeregistrationRules({ ...base, rules: [...base.rules, { ...base.rules[0]!, id: 'made-up' }] }),
    ).toThrow(/unknown rule made-up/);
    expect(() =>
      buildDeregistrationRules({
        ...base,
        rules: [...base.rules, { ...base.lists[0]!, id: 'abnormal-operation' }],
      }),
    ).toThrow(/unknown rule abnormal-operation/);
    expect(() =>
      buildDeregistrationRules({ ...base, approvalRequired: { scopeItems: ['Z99999'], entityTypes: [] } }),
    ).toThrow(/unknown scope item Z99999/);
    expect(loadDeregistrationRules().version).toBe(seed.version);
  });
});
