/**
 * Item-level grants on the registry table: one table holds every family (docs/decisions/0003), so a
 * function is kept to the families it declares (`grants.registryTable`, functions/contract/item-families.ts)
 * by `dynamodb:LeadingKeys` conditions, the partition key every item request names:
 *
 *   read   GetItem, BatchGetItem, Query, ConditionCheckItem   on the table, its read families' patterns
 *   write  PutItem, UpdateItem, DeleteItem, BatchWriteItem    on the table, its write families' patterns
 *   query  Query                                              on each index, that index's partitions
 *
 * IAM evaluates every item of a batch or a transaction as its own request of these actions, so a
 * TransactWriteItems that touches one family more than the function declares is refused whole. No Scan
 * is ever granted: a Scan names no partition key, and `ForAllValues` holds vacuously on an empty set,
 * so a Scan would pass every one of these conditions.
 */

import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import {
  INDEX_FAMILIES,
  type IndexFamily,
  idempotencyPattern,
  TABLE_FAMILIES,
  type TableFamily,
  type TableGrant,
} from '#contract/item-families';
import { type DataRefs, grantDataKey } from './grants.ts';
import { tableArn } from './naming.ts';

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
export const INDEX_QUERY_ACTIONS = ['dynamodb:Query'];

/** How IAM matches the patterns: every leading key of the request must match one of them. */
export const LEADING_KEYS = 'ForAllValues:StringLike';

/** The partition-key patterns of table families; a route's idempotency records are its own only. */
export function tablePatterns(families: readonly TableFamily[], routeId?: string): string[] {
  const patterns = families.map((f) =>
    f === 'idempotency' && routeId ? idempotencyPattern(routeId) : TABLE_FAMILIES[f],
  );
  return [...new Set(patterns)].sort();
}

/** Index partitions by index, each index's patterns sorted. */
export function indexPatterns(families: readonly IndexFamily[]): Map<string, string[]> {
  const byIndex = new Map<string, Set<string>>();
  for (const f of families) {
    const { index, partitions } = INDEX_FAMILIES[f];
    const set = byIndex.get(index) ?? new Set<string>();
    for (const p of partitions) set.add(p);
    byIndex.set(index, set);
  }
  return new Map([...byIndex].map(([index, set]) => [index, [...set].sort()]));
}

const leadingKeys = (patterns: string[]) => ({ [LEADING_KEYS]: { 'dynamodb:LeadingKeys': patterns } });

/**
 * Grants what `grant` declares, and the data key through DynamoDB for it. `routeId` narrows an
 * idempotent route's records to its own (item-families.ts `idempotencyPattern`).
 */
export function grantRegistryTable(
  fn: LambdaFunction,
  data: DataRefs,
  grant: TableGrant,
  options: { routeId?: string } = {},
): void {
  const table = tableArn(fn, data.tableName);
  const reads = tablePatterns(grant.read ?? [], options.routeId);
  const writes = tablePatterns(grant.write ?? [], options.routeId);
  if (reads.length)
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: TABLE_READ_ACTIONS,
        resources: [table],
        conditions: leadingKeys(reads),
      }),
    );
  if (writes.length)
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: TABLE_WRITE_ACTIONS,
        resources: [table],
        conditions: leadingKeys(writes),
      }),
    );
  for (const [index, patterns] of indexPatterns(grant.query ?? []))
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: INDEX_QUERY_ACTIONS,
        resources: [`${table}/index/${index}`],
        conditions: leadingKeys(patterns),
      }),
    );
  if (reads.length || writes.length || grant.query?.length)
    grantDataKey(fn, data, writes.length ? 'readWrite' : 'read', 'dynamodb');
}
