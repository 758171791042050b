/**
 * What the stacks set for a province's load (docs/capacity.md has the arithmetic and its sources): 2,000
 * name checks/s and 50 registrations/s. The table is on demand, so these are not limits but readiness:
 * warm throughput, so the first peak is served without waiting for DynamoDB to split partitions; and
 * reserved concurrency, so the public name functions cannot take the account's whole concurrency from
 * the registrations, and the writers of single-partition counters stay few.
 */
import type { WarmThroughput } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnFunction, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';

/** The design load: docs/capacity.md works every figure below from these. */
export const DESIGN_LOAD = { nameChecksPerSecond: 2000, registrationsPerSecond: 50 } as const;

/**
 * The table: about 10,000 read and 8,500 write units/s at the design load (docs/capacity.md, "Table"),
 * with half again for bursts. New on-demand tables start ready for 12,000 reads and 4,000 writes.
 */
export const TABLE_WARM_THROUGHPUT: WarmThroughput = {
  readUnitsPerSecond: 15000,
  writeUnitsPerSecond: 13000,
};

/**
 * The indexes: the owner index takes a full copy of every owned item written (projection ALL), about
 * 4,450 write units/s; the state index about 400 (the execution index's and the human tasks' entries).
 */
export const INDEX_WARM_THROUGHPUT: Readonly<Record<string, WarmThroughput>> = {
  byOwner: { readUnitsPerSecond: 12000, writeUnitsPerSecond: 7000 },
  byState: { readUnitsPerSecond: 12000, writeUnitsPerSecond: 4000 },
};

/**
 * Reserved concurrency, by function (a route id, or the stacks' own names). The name check runs about
 * 30 ms, so 2,000/s needs some 60 at once: 200 leaves room for cold starts and the route throttle's
 * 2,500/s, and keeps 800 of the account's 1,000 for everything else. The sweep and the execution index
 * write single-partition items (PENDING#START, EXECCOUNT): one sweep at a time, a few index writers.
 */
export const RESERVED_CONCURRENCY: Readonly<Record<string, number>> = {
  CheckName: 200,
  SearchNames: 50,
  SweepOwedStarts: 1,
  ExecutionIndex: 10,
};

/** Sets the function's reserved concurrency when it has one above. */
export function reserveConcurrency(fn: LambdaFunction, name: string): void {
  const reserved = RESERVED_CONCURRENCY[name];
  if (reserved === undefined) return;
  (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = reserved;
}
