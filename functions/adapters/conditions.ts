/**
 * Conditional writes, the registry's way of making every step count once: a write that finds its
 * condition false is an answer ("someone got there first"), not an error.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export function conditionFailed(error: unknown): boolean {
  if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return true;
  // A transaction refused only because a condition did not hold: the same answer, for several items.
  const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
  return (
    reasons.some((r) => r.Code === 'ConditionalCheckFailed') &&
    reasons.every((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'None')
  );
}

/** Runs a conditional write: true when it was made, false when its condition did not hold. */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

export interface StatusMove {
  key: { pk: string; sk: string };
  /** The statuses the record may be in; any other and nothing is written. */
  from: readonly string[];
  to: string;
  /** A list attribute (timeline, chain of custody) the move appends its entries to. */
  append: { attribute: string; entries: readonly unknown[] };
  /** Further attributes set by the same write. */
  set?: Record<string, unknown>;
  /** Attributes set by the same write only where the record has none yet. */
  setIfAbsent?: Record<string, unknown>;
}

/** Moves a record's `status` and appends to its history in one conditional update; false when not in `from`. */
export function moveStatus(db: DynamoDBDocumentClient, table: string, move: StatusMove): Promise<boolean> {
  return conditionally(() => db.send(new UpdateCommand(statusUpdate(table, move))));
}

/** The conditional update of a status move, to send alone or as one item of a transaction. */
export function statusUpdate(table: string, move: StatusMove) {
  const names: Record<string, string> = { '#status': 'status', '#log': move.append.attribute };
  const values: Record<string, unknown> = { ':to': move.to, ':entry': [...move.append.entries] };
  const sets = ['#status = :to', '#log = list_append(#log, :entry)'];
  Object.entries(move.set ?? {}).forEach(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    sets.push(`#s${i} = :s${i}`);
  });
  Object.entries(move.setIfAbsent ?? {}).forEach(([k, v], i) => {
    names[`#a${i}`] = k;
    values[`:a${i}`] = v;
    sets.push(`#a${i} = if_not_exists(#a${i}, :a${i})`);
  });
  const from = move.from.map((s, i) => {
    values[`:f${i}`] = s;
    return `:f${i}`;
  });
  return {
    TableName: table,
    Key: move.key,
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: `#status IN (${from.join(', ')})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** Whether a transaction was cancelled because the condition of its item at `index` failed. */
export function cancelledAt(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}

/** A stored item without its key attributes: the record the domain knows. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _k, ...rest } = item;
  return rest as T;
}
