/**
 * Conditional writes, the registry's way of making every step count once: a write that finds its
 * condition false is an answer ("someone got there first"), not an error.
 */
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

export function conditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
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
  /** A list attribute (timeline, chain of custody) the move appends one entry to. */
  append: { attribute: string; entry: unknown };
  /** Further attributes set by the same write. */
  set?: Record<string, unknown>;
}

/** Moves a record's `status` and appends to its history in one conditional update; false when not in `from`. */
export function moveStatus(db: DynamoDBDocumentClient, table: string, move: StatusMove): Promise<boolean> {
  const names: Record<string, string> = { '#status': 'status', '#log': move.append.attribute };
  const values: Record<string, unknown> = { ':to': move.to, ':entry': [move.append.entry] };
  const sets = ['#status = :to', '#log = list_append(#log, :entry)'];
  Object.entries(move.set ?? {}).forEach(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    sets.push(`#s${i} = :s${i}`);
  });
  const from = move.from.map((s, i) => {
    values[`:f${i}`] = s;
    return `:f${i}`;
  });
  return conditionally(() =>
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: move.key,
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status IN (${from.join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    ),
  );
}
