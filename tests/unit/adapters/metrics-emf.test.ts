/**
 * The cloud's metrics adapter writes CloudWatch embedded metric format, one line a reading, under the
 * namespace, names and dimensions the monitoring stack alarms on (contract/metrics.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmfMetrics } from '#adapters/metrics-emf';
import { METRIC_NAMESPACE } from '#contract/metrics';
import { SERVICE_NAME } from '#contract/tables';

let lines: Record<string, unknown>[] = [];

describe('EmfMetrics', () => {
  beforeEach(() => {
    lines = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
      const text = String(chunk);
      if (text.startsWith('{')) lines.push(JSON.parse(text) as Record<string, unknown>);
      return true;
    }) as typeof process.stdout.write);
  });
  afterEach(() => vi.restoreAllMocks());

  it('publishes a counter at once, with the service dimension and its own', () => {
    new EmfMetrics().count('Registrations', { outcome: 'registered' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: METRIC_NAMESPACE,
            Dimensions: [['service', 'outcome']],
            Metrics: [{ Name: 'Registrations', Unit: 'Count' }],
          },
        ],
      },
      service: SERVICE_NAME,
      outcome: 'registered',
      Registrations: 1,
    });
  });

  it('publishes a gauge in its unit, with the service dimension only', () => {
    new EmfMetrics().gauge('OldestUndeliveredEventAge', 90);
    expect(lines[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          { Dimensions: [['service']], Metrics: [{ Name: 'OldestUndeliveredEventAge', Unit: 'Seconds' }] },
        ],
      },
      OldestUndeliveredEventAge: 90,
    });
  });

  it('never fails the work it counts', () => {
    expect(() => new EmfMetrics().count('DecisionRuleFailures', { rule: '' })).not.toThrow();
  });
});
