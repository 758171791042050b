/** The metrics port in memory: every reading kept, so a test says what a use case counted. */
import type { CounterDimensions, CounterName, GaugeName } from '#contract/metrics';
import type { Metrics } from '#ports/metrics';

export interface Reading {
  name: CounterName | GaugeName;
  kind: 'counter' | 'gauge';
  value: number;
  dimensions: Record<string, string>;
}

export class MemoryMetrics implements Metrics {
  readonly readings: Reading[] = [];

  count<N extends CounterName>(name: N, dimensions: CounterDimensions<N>, value = 1): void {
    this.readings.push({ name, kind: 'counter', value, dimensions: { ...dimensions } });
  }

  gauge(name: GaugeName, value: number): void {
    this.readings.push({ name, kind: 'gauge', value, dimensions: {} });
  }

  /** The sum of a counter, over the readings whose dimensions include `where`. */
  counted(name: CounterName, where: Record<string, string> = {}): number {
    return this.readings
      .filter((r) => r.kind === 'counter' && r.name === name)
      .filter((r) => Object.entries(where).every(([k, v]) => r.dimensions[k] === v))
      .reduce((sum, r) => sum + r.value, 0);
  }

  /** The last reading of a gauge, if it was read. */
  last(name: GaugeName): number | undefined {
    return this.readings.findLast((r) => r.kind === 'gauge' && r.name === name)?.value;
  }

  clear(): void {
    this.readings.length = 0;
  }
}
