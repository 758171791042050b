/**
 * The metrics port on one machine: no CloudWatch to read embedded metric format, so each reading is a
 * DEBUG log line (`LOG_LEVEL=DEBUG npm start` shows them) and otherwise costs nothing. The operators'
 * console reads the same facts from the store.
 */
import type { CounterDimensions, CounterName, GaugeName } from '#contract/metrics';
import type { Metrics } from '#ports/metrics';
import { logger } from './logger.ts';

export class LogMetrics implements Metrics {
  count<N extends CounterName>(name: N, dimensions: CounterDimensions<N>, value = 1): void {
    logger.debug('metric', { metric: name, value, ...dimensions });
  }

  gauge(name: GaugeName, value: number): void {
    logger.debug('metric', { metric: name, value });
  }
}
