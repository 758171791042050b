import { describe, expect, it } from 'vitest';
import { inOrderBounded, resumeOrder, wakeAtOf } from '../../../infra/local/step-functions/wake.ts';

// After a restart, executions left running resume soonest deadline first, a few at a time.
describe('the order of resumption', () => {
  it('puts a deadline that passed while the process was down first, and the far ones last', () => {
    const now = 1_800_000_000;
    const records = [
      { name: 'in-60-days', wakeAt: now + 60 * 86_400, startDate: now - 10 },
      { name: 'passed', wakeAt: now - 3600, startDate: now - 7200 },
      { name: 'in-a-day', wakeAt: now + 86_400, startDate: now - 20 },
      { name: 'between-states', startDate: now - 5 },
    ];
    expect(resumeOrder(records).map((r) => r.name)).toEqual([
      'passed',
      'between-states',
      'in-a-day',
      'in-60-days',
    ]);
  });

  it('reads the end of a Wait from the state input or the definition', () => {
    const at = Date.parse('2026-07-01T00:00:00Z');
    expect(
      wakeAtOf({ TimestampPath: '$.plan.wakeAt' }, { plan: { wakeAt: '2026-07-01T00:00:00Z' } }, 0),
    ).toBe(at / 1000);
    expect(wakeAtOf({ Seconds: 30 }, {}, 1_000_000)).toBe(1030);
    expect(wakeAtOf({ SecondsPath: '$.s' }, { s: 5 }, 0)).toBe(5);
    expect(wakeAtOf({ TimestampPath: '$.missing' }, {}, 0)).toBeUndefined();
  });

  it('runs at most the limit at once, in order', async () => {
    let active = 0;
    let most = 0;
    const seen: number[] = [];
    const gates = Array.from({ length: 20 }, () => Promise.withResolvers<void>());
    const run = inOrderBounded(
      gates.map((_, i) => i),
      8,
      async (i) => {
        seen.push(i);
        most = Math.max(most, ++active);
        await gates[i]!.promise;
        active--;
      },
      () => false,
    );
    for (const g of gates) {
      await new Promise((r) => setImmediate(r));
      g.resolve();
    }
    expect(await run).toBe(20);
    expect(most).toBe(8);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});
