/** The deregistration seeds: the rules with their bases, and the local runtime's sample list entries. */
import { describe, expect, it } from 'vitest';
import { eligibility } from '#domain/deregistration/eligibility';
import {
  isRegistryList,
  loadDeregistrationRules,
  REGISTRY_LISTS,
  type RegistryListEntry,
} from '#domain/deregistration/rules';
import { scopeItem } from '#domain/registration/catalogue';
import lists from '#seeds/deregistration/lists.json' with { type: 'json' };
import sampleLists from '#seeds/deregistration/registry-lists.json' with { type: 'json' };
import sample from '#seeds/enterprises/sample.json' with { type: 'json' };

const REAL = [
  '华为技术有限公司',
  '腾讯科技（深圳）有限公司',
  '阿里巴巴（中国）有限公司',
  '小米科技有限责任公司',
];
const entries = sampleLists.entries as RegistryListEntry[];

describe('seeds/deregistration/lists.json', () => {
  it('has a version and a basis citing the regulation, its rules and the 2021 notice', () => {
    expect(lists.version).toMatch(/^\d{4}\.\d+$/);
    expect(lists.basis).toContain('第三十三条');
    expect(lists.basis).toContain('第四十八条');
    expect(lists.basis).toContain('国市监注发〔2021〕45号');
  });

  it('defines every registry list, in the order of the closed set', () => {
    expect(lists.lists.map((l) => l.id)).toEqual([...REGISTRY_LISTS]);
    expect(loadDeregistrationRules().lists).toHaveLength(REGISTRY_LISTS.length);
  });

  it('names only pre-approved scope items as needing an approval to close', () => {
    for (const code of lists.approvalRequired.scopeItems) expect(scopeItem(code)?.preApproval).toBe(true);
  });
});

describe('seeds/deregistration/registry-lists.json', () => {
  const fictional = new Set(
    sample.enterprises.filter((e) => !REAL.includes(e.name)).map((e) => e.creditCode),
  );

  it('names only fictional sample enterprises, on known lists, with who, when and why', () => {
    expect(sampleLists.version).toMatch(/^\d{4}\.\d+$/);
    for (const e of entries) {
      expect(isRegistryList(e.list)).toBe(true);
      expect(fictional.has(e.creditCode)).toBe(true);
      expect(e.reason.trim()).not.toBe('');
      expect(e.addedBy).toMatch(/^examiner-\d{6}$/);
      expect(e.addedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    }
  });

  it('refuses one sample enterprise with several reasons at once, and leaves others free to close', () => {
    const facts = (creditCode: string) => ({
      creditCode,
      status: 'active' as const,
      entityType: 'limited_liability_company',
      businessScope: [],
    });
    const refused = eligibility({ enterprise: facts('91440300MA5F00026U'), entries });
    expect(refused.reasons.map((r) => r.rule)).toEqual(['abnormal-operation', 'equity-frozen', 'litigation']);
    expect(eligibility({ enterprise: facts('91440300MA5F000181'), entries }).eligible).toBe(true);
  });
});
