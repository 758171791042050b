/**
 * Alarms as the monitoring tests read them: plain or metric math, each metric with its namespace, name,
 * rendered dimensions, period and statistic, and the alarm's threshold and window.
 */
import { expect } from 'vitest';
import { render } from './iam.ts';
import type { Resource } from './synth.ts';

export interface MetricStat {
  id: string;
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  period: number;
  stat: string;
}

export interface Watched {
  /** The math expression, or undefined for an alarm on one metric. */
  expression?: string;
  metrics: MetricStat[];
  threshold: number;
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

export type Dimension = { Name: string; Value: unknown };
const dimensionsOf = (list: Dimension[] = []) =>
  Object.fromEntries(list.map((d) => [d.Name, render(d.Value)]));

/** An alarm as the tests read it: plain or math, each metric with its rendered dimensions. */
export function watched(alarm: Resource): Watched {
  const p = alarm.Properties as Record<string, unknown> & {
    Metrics?: {
      Id: string;
      Expression?: string;
      MetricStat?: {
        Metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] };
        Period: number;
        Stat: string;
      };
    }[];
  };
  const window = {
    threshold: p.Threshold as number,
    evaluationPeriods: p.EvaluationPeriods as number,
    datapointsToAlarm: p.DatapointsToAlarm as number,
  };
  if (!p.Metrics) {
    const metric = {
      id: 'm',
      namespace: p.Namespace as string,
      name: p.MetricName as string,
      dimensions: dimensionsOf(p.Dimensions as Dimension[]),
      period: p.Period as number,
      stat: p.Statistic as string,
    };
    return { ...window, metrics: [metric], period: metric.period };
  }
  const metrics = p.Metrics.filter((m) => m.MetricStat).map((m) => ({
    id: m.Id,
    namespace: m.MetricStat!.Metric.Namespace,
    name: m.MetricStat!.Metric.MetricName,
    dimensions: dimensionsOf(m.MetricStat!.Metric.Dimensions),
    period: m.MetricStat!.Period,
    stat: m.MetricStat!.Stat,
  }));
  const periods = new Set(metrics.map((m) => m.period));
  expect(periods.size, 'one period for every metric of an alarm').toBe(1);
  return {
    ...window,
    expression: p.Metrics.find((m) => m.Expression)?.Expression,
    metrics,
    period: [...periods][0]!,
  };
}

/** The one alarm whose logical id is `id` and CDK's hash. */
export function alarmNamed(alarms: readonly [string, Resource][], id: string): Watched {
  const found = alarms.filter(([logicalId]) => new RegExp(`^${id}[0-9A-F]{8}$`).test(logicalId));
  expect(found, id).toHaveLength(1);
  return watched(found[0]![1]);
}
