/** The operators' gauges and the sweep's findings, published through the metrics port (memory twin). */
import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { gaugeReadings, publishOpsGauges, publishSweepFindings } from '#app/ops/gauges';
import { relayOutboxEvent } from '#app/push/relay';
import { DOMESTIC, lifeOf } from '../../push/fixtures.ts';
import { DAY, freshPorts, inReview } from '../support.ts';

describe('publishOpsGauges', () => {
  it('reads zero of everything on a quiet registry, and publishes each gauge once', async () => {
    const ports = freshPorts();
    const { readings, calendarMissing } = await publishOpsGauges(ports);
    expect(readings).toEqual({
      OverdueHumanTasks: 0,
      OldestUndeliveredEventAge: 0,
      ParkedDeliveries: 0,
      HolidayCalendarYearsMissing: 0,
    });
    expect(calendarMissing).toEqual([]);
    expect(ports.metrics.readings.map((r) => [r.kind, r.name, r.value])).toEqual([
      ['gauge', 'OverdueHumanTasks', 0],
      ['gauge', 'OldestUndeliveredEventAge', 0],
      ['gauge', 'ParkedDeliveries', 0],
      ['gauge', 'HolidayCalendarYearsMissing', 0],
    ]);
  });

  it('counts a review past its deadline', async () => {
    const ports = freshPorts();
    await inReview(ports);
    ports.clock.advance(60 * DAY);
    expect((await publishOpsGauges(ports)).readings.OverdueHumanTasks).toBe(1);
    expect(ports.metrics.last('OverdueHumanTasks')).toBe(1);
  });

  it('reads the age of the oldest event a department has not acknowledged', async () => {
    const ports = memoryPorts({ now: new Date('2026-11-20T02:00:00.000Z') });
    const facts = { entityType: 'limited_liability_company', scopeCodes: ['I65001'] };
    await relayOutboxEvent(ports, lifeOf(DOMESTIC)[0]!, facts);
    ports.clock.advance(DAY + 60_000);
    const { readings } = await publishOpsGauges(ports);
    expect(readings.OldestUndeliveredEventAge).toBe(86_460);
    expect(readings.ParkedDeliveries).toBe(0);
  });

  it('reports a year with no holiday calendar once it begins within 30 days, not before', async () => {
    // The committed calendars run to 2027 (seeds/calendar/).
    // 1 December in Beijing: 30 days on is 31 December, still 2027.
    const early = memoryPorts({ now: new Date('2027-11-30T16:00:00.000Z') });
    expect((await publishOpsGauges(early)).calendarMissing).toEqual([]);
    // 2 December: 30 days on is 1 January 2028, which has no calendar.
    const late = memoryPorts({ now: new Date('2027-12-01T16:00:00.000Z') });
    const { readings, calendarMissing } = await publishOpsGauges(late);
    expect(calendarMissing).toEqual([2028]);
    expect(readings.HolidayCalendarYearsMissing).toBe(1);
    expect(late.metrics.last('HolidayCalendarYearsMissing')).toBe(1);
  });
});

describe('gaugeReadings', () => {
  it('takes the overview’s figures as they are, and no unacknowledged event as an age of zero', () => {
    expect(
      gaugeReadings(
        { overdueTasks: { count: 3 }, deliveries: { failed: 2, oldestUnacknowledgedAgeSeconds: 90 } },
        [2028, 2029],
      ),
    ).toEqual({
      OverdueHumanTasks: 3,
      OldestUndeliveredEventAge: 90,
      ParkedDeliveries: 2,
      HolidayCalendarYearsMissing: 2,
    });
    expect(
      gaugeReadings({ overdueTasks: { count: 0 }, deliveries: { failed: 0 } }, []).OldestUndeliveredEventAge,
    ).toBe(0);
  });
});

describe('publishSweepFindings', () => {
  it('publishes what the sweep started and could not start, zero included', () => {
    const ports = freshPorts();
    publishSweepFindings(ports, { started: 2, settled: 2, failed: 0, failures: [] });
    publishSweepFindings(ports, { started: 0, settled: 0, failed: 1, failures: [] });
    expect(ports.metrics.counted('OrphanedCasesStarted')).toBe(2);
    expect(ports.metrics.counted('OrphanedCasesUnstarted')).toBe(1);
    expect(ports.metrics.readings.filter((r) => r.name === 'OrphanedCasesUnstarted')).toHaveLength(2);
  });
});
