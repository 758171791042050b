import { describe, expect, it } from 'vitest';
import { pushRecipientsOf } from '#domain/push/recipients';
import {
  checkSequences,
  NO_CURSOR,
  type PairCursor,
  pairKey,
  planBatch,
  planDeliveries,
} from '#domain/push/sequence';
import { DOMESTIC, FOREIGN, lifeOf } from './fixtures.ts';

const routed = (creditCode: string, foreign: boolean) =>
  lifeOf(creditCode, foreign).map((event) => ({
    event,
    recipients: pushRecipientsOf({
      type: event.type,
      entityType: foreign ? 'foreign_invested_company' : 'limited_liability_company',
      scopeCodes: foreign ? ['F51001'] : ['I65001'],
    }),
  }));

const sequencesOf = (
  deliveries: ReturnType<typeof planBatch>['deliveries'],
  department: string,
  code: string,
) => deliveries.filter((d) => d.department === department && d.creditCode === code).map((d) => d.sequence);

describe('planDeliveries', () => {
  it('numbers each department from 1 with no gap when routing skips it for some events', () => {
    const { deliveries } = planBatch(routed(DOMESTIC, false), new Map());
    // Six events; statistics takes 2 of them, pboc 4 (no deregistration), tax and hrss all 6.
    expect(sequencesOf(deliveries, 'tax', DOMESTIC)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sequencesOf(deliveries, 'hrss', DOMESTIC)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sequencesOf(deliveries, 'pboc', DOMESTIC)).toEqual([1, 2, 3, 4]);
    expect(sequencesOf(deliveries, 'statistics', DOMESTIC)).toEqual([1, 2]);
    expect(sequencesOf(deliveries, 'customs', DOMESTIC)).toEqual([]);
    const check = checkSequences(deliveries);
    expect(check.gaps).toEqual([]);
    expect(check.duplicates).toEqual([]);
    expect(check.outOfOrder).toEqual([]);
  });

  it('counts each enterprise apart, interleaved as the outbox may read them', () => {
    const [a, b] = [routed(DOMESTIC, false), routed(FOREIGN, true)];
    const interleaved = a.flatMap((x, i) => [x, b[i]!]);
    const { deliveries } = planBatch(interleaved, new Map());
    expect(sequencesOf(deliveries, 'commerce', FOREIGN)).toEqual([1, 2, 3, 4]);
    expect(sequencesOf(deliveries, 'tax', FOREIGN)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sequencesOf(deliveries, 'tax', DOMESTIC)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(checkSequences(deliveries).gaps).toEqual([]);
  });

  it('continues from the stored cursor, and carries the outbox sequence in it', () => {
    const [first, second] = routed(DOMESTIC, false);
    const one = planDeliveries(first!.event, first!.recipients, new Map());
    expect(one.cursors.get(pairKey('statistics', DOMESTIC))).toEqual({ sequence: 1, outboxSeq: 1 });
    const two = planDeliveries(second!.event, second!.recipients, one.cursors);
    expect(two.deliveries.map((d) => [d.department, d.sequence, d.id])).toEqual([
      ['tax', 2, `${DOMESTIC}-2:tax`],
      ['hrss', 2, `${DOMESTIC}-2:hrss`],
      ['pboc', 2, `${DOMESTIC}-2:pboc`],
    ]);
  });

  it('plans nothing new for an outbox event planned before (a redelivered stream record)', () => {
    const batch = routed(DOMESTIC, false);
    const first = planBatch(batch, new Map());
    const again = planBatch(batch.slice(0, 3), first.cursors);
    expect(again.deliveries).toEqual([]);
    expect(again.cursors.size).toBe(0);
    expect(again.replayed).toContain(`${DOMESTIC}-1:tax`);
  });

  it('gives one delivery per department even when a recipient is listed twice', () => {
    const [first] = routed(DOMESTIC, false);
    const plan = planDeliveries(first!.event, ['tax', 'tax'], new Map<string, PairCursor>());
    expect(plan.deliveries).toHaveLength(1);
    expect(NO_CURSOR).toEqual({ sequence: 0, outboxSeq: 0 });
  });
});

describe('checkSequences (the receiver)', () => {
  const got = (...sequences: number[]) =>
    sequences.map((sequence) => ({ department: 'tax', creditCode: DOMESTIC, sequence, id: `e${sequence}` }));

  it('finds the missing numbers as ranges', () => {
    expect(checkSequences(got(1, 2, 5, 6, 9)).gaps).toEqual([
      { department: 'tax', creditCode: DOMESTIC, from: 3, to: 4 },
      { department: 'tax', creditCode: DOMESTIC, from: 7, to: 8 },
    ]);
    expect(checkSequences(got(2)).gaps).toEqual([
      { department: 'tax', creditCode: DOMESTIC, from: 1, to: 1 },
    ]);
  });

  it('finds duplicates and numbers that came after a higher one', () => {
    const check = checkSequences([...got(1, 3, 2), ...got(3)]);
    expect(check.gaps).toEqual([]);
    expect(check.duplicates).toEqual([
      { department: 'tax', creditCode: DOMESTIC, sequence: 3, count: 2, ids: ['e3', 'e3'] },
    ]);
    expect(check.outOfOrder).toEqual([{ department: 'tax', creditCode: DOMESTIC, sequence: 2, after: 3 }]);
    expect(check.last.get(pairKey('tax', DOMESTIC))).toBe(3);
  });

  it('keeps departments and enterprises apart', () => {
    const check = checkSequences([
      { department: 'tax', creditCode: DOMESTIC, sequence: 1 },
      { department: 'hrss', creditCode: DOMESTIC, sequence: 1 },
      { department: 'tax', creditCode: FOREIGN, sequence: 1 },
    ]);
    expect(check.gaps).toEqual([]);
    expect(check.duplicates).toEqual([]);
  });
});
