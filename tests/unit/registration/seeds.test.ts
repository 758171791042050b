import { describe, expect, it } from 'vitest';
import branches from '#seeds/banks/branches.json' with { type: 'json' };
import cal2025 from '#seeds/calendar/holidays-2025.json' with { type: 'json' };
import cal2026 from '#seeds/calendar/holidays-2026.json' with { type: 'json' };
import cal2027 from '#seeds/calendar/holidays-2027.json' with { type: 'json' };
import departments from '#seeds/departments/departments.json' with { type: 'json' };
import routing from '#seeds/departments/routing.json' with { type: 'json' };
import divisionSeed from '#seeds/divisions/divisions.json' with { type: 'json' };
import autoApproval from '#seeds/registration/auto-approval.json' with { type: 'json' };
import scope from '#seeds/registration/business-scope.json' with { type: 'json' };
import checklists from '#seeds/registration/checklists.json' with { type: 'json' };
import codeRanges from '#seeds/registration/code-ranges.json' with { type: 'json' };

const SEEDS = {
  'banks/branches': branches,
  'calendar/holidays-2025': cal2025,
  'calendar/holidays-2026': cal2026,
  'calendar/holidays-2027': cal2027,
  'departments/departments': departments,
  'departments/routing': routing,
  'registration/auto-approval': autoApproval,
  'registration/business-scope': scope,
  'registration/checklists': checklists,
  'registration/code-ranges': codeRanges,
};

describe('the registration seeds', () => {
  it.each(Object.entries(SEEDS))('%s has a version and a basis', (_name, seed) => {
    expect(seed.version).toMatch(/^\d{4}\.\d+$/);
    expect(seed.basis.length).toBeGreaterThan(10);
  });

  it('cite the State Council notice in each published calendar, and say the provisional one is not', () => {
    expect(cal2025.basis).toContain('国务院办公厅关于2025年部分节假日安排的通知');
    expect(cal2026.basis).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    expect(cal2027.provisional).toBe(true);
    expect(cal2027.basis).toMatch(/not been published/);
  });
});

describe('banks/branches.json', () => {
  const divisions = new Set(divisionSeed.divisions.map((d) => d.code));

  it('holds a dozen branches with unique ids, each in a real division', () => {
    expect(branches.branches.length).toBeGreaterThanOrEqual(12);
    expect(new Set(branches.branches.map((b) => b.branchId)).size).toBe(branches.branches.length);
    for (const b of branches.branches) {
      expect(b.branchId).toMatch(/^[A-Z]+-[A-Z]{2}-\d{4}$/);
      expect(divisions.has(b.division)).toBe(true);
      expect(b.branch.startsWith(b.bank)).toBe(true);
    }
    expect(branches.branches).toContainEqual(
      expect.objectContaining({ branchId: 'ICBC-SZ-0001', division: '440305' }),
    );
  });
});
