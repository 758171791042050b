/**
 * The registry's business metrics (functions/contract/metrics.ts names them): counted where things
 * happen, read as gauges on a schedule. Publishing never fails a use case: an adapter that cannot
 * publish drops the reading, since a lost count must not undo a registration.
 */
import type { CounterDimensions, CounterName, GaugeName } from '#contract/metrics';

export interface Metrics {
  /** Adds `value` (1 unless given) to a counter, under its dimensions. */
  count<N extends CounterName>(name: N, dimensions: CounterDimensions<N>, value?: number): void;
  /** Records one reading of a gauge, in the unit the catalogue gives it. */
  gauge(name: GaugeName, value: number): void;
}
