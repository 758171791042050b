/**
 * The metrics port in the cloud: Powertools Metrics writing CloudWatch embedded metric format, one line
 * per reading (a single-metric instance publishes at once), so nothing is left unflushed when a handler
 * returns or throws and no handler needs a flushing middleware. CloudWatch Logs turns each line into the
 * metric, with the `service` dimension Powertools adds (contract/metrics.ts).
 *
 * The lines carry no `level`: Lambda files them as INFO, so the functions' application log level must
 * let INFO through (infra/cloud/nodejs-function.ts keeps it so whatever LOG_LEVEL says).
 */
import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import {
  type CounterDimensions,
  type CounterName,
  GAUGES,
  type GaugeName,
  METRIC_NAMESPACE,
} from '#contract/metrics';
import { SERVICE_NAME } from '#contract/tables';
import type { Metrics } from '#ports/metrics';
import { logger } from './logger.ts';

export class EmfMetrics implements Metrics {
  private readonly emf = new PowertoolsMetrics({ namespace: METRIC_NAMESPACE, serviceName: SERVICE_NAME });

  count<N extends CounterName>(name: N, dimensions: CounterDimensions<N>, value = 1): void {
    this.publish(name, MetricUnit.Count, value, dimensions);
  }

  gauge(name: GaugeName, value: number): void {
    this.publish(name, GAUGES[name] === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count, value, {});
  }

  private publish(
    name: string,
    unit: (typeof MetricUnit)[keyof typeof MetricUnit],
    value: number,
    dimensions: Record<string, string>,
  ): void {
    try {
      const one = this.emf.singleMetric();
      for (const [key, dimension] of Object.entries(dimensions)) one.addDimension(key, dimension);
      one.addMetric(name, unit, value);
    } catch (error) {
      // A bad dimension value (empty, too long) loses this reading, never the work that was counted.
      logger.warn('metric not published', { metric: name, errorName: (error as Error).name });
    }
  }
}
