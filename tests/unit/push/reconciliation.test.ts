import { describe, expect, it } from 'vitest';
import { type DeliveryRecord, dailyReconciliation, outstandingAges } from '#domain/push/reconciliation';

const records: DeliveryRecord[] = [
  // 2026-11-20 in Beijing runs from 2026-11-19T16:00Z to 2026-11-20T16:00Z.
  { department: 'tax', sentAt: '2026-11-19T16:00:00Z', acknowledgedAt: '2026-11-19T16:00:05Z' },
  { department: 'tax', sentAt: '2026-11-20T10:00:00Z', acknowledgedAt: '2026-11-21T01:00:00Z' },
  { department: 'tax', sentAt: '2026-11-20T15:59:59Z' },
  { department: 'hrss', sentAt: '2026-11-20T03:00:00Z' },
  // The next day in Beijing, though still the 20th in UTC.
  { department: 'tax', sentAt: '2026-11-20T16:00:00Z', acknowledgedAt: '2026-11-20T16:01:00Z' },
  // The day before in Beijing.
  { department: 'hrss', sentAt: '2026-11-19T15:59:59Z' },
];

describe('dailyReconciliation', () => {
  it('counts sent, acknowledged and outstanding per department for a day in Beijing', () => {
    expect(dailyReconciliation(records, '2026-11-20', ['tax', 'hrss', 'statistics'])).toEqual([
      { department: 'tax', date: '2026-11-20', sent: 3, acknowledged: 2, outstanding: 1 },
      { department: 'hrss', date: '2026-11-20', sent: 1, acknowledged: 0, outstanding: 1 },
      { department: 'statistics', date: '2026-11-20', sent: 0, acknowledged: 0, outstanding: 0 },
    ]);
  });

  it('counts receipts up to a moment when asked (the count as it stood then)', () => {
    const [tax] = dailyReconciliation(records, '2026-11-20', ['tax'], new Date('2026-11-20T16:00:00Z'));
    expect(tax).toEqual({ department: 'tax', date: '2026-11-20', sent: 3, acknowledged: 1, outstanding: 2 });
  });

  it('adds departments met in the records that were not asked for', () => {
    expect(dailyReconciliation(records, '2026-11-21').map((c) => c.department)).toEqual(['tax']);
  });
});

describe('outstandingAges', () => {
  it('gives each department its unacknowledged count and the age of the oldest', () => {
    expect(outstandingAges(records, new Date('2026-11-21T00:00:00Z'))).toEqual([
      { department: 'tax', outstanding: 1, oldestSentAt: '2026-11-20T15:59:59Z', oldestAgeSeconds: 28_801 },
      { department: 'hrss', outstanding: 2, oldestSentAt: '2026-11-19T15:59:59Z', oldestAgeSeconds: 115_201 },
    ]);
  });
});
