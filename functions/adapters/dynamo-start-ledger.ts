/**
 * Workflow starts owed by committed writes, in the registry table:
 *
 *   PENDING#START / <since>#<executionName>   workflow, executionName, input, since
 *
 * The marker is put by the transaction that writes its case (dynamo-reservations.ts `reserve`,
 * dynamo-registrations.ts `create`: `ownedStartPut`) and deleted by the case's first workflow step or next
 * transaction (`settledStartDelete`), so the hot path pays no extra round trip. One partition, sorted by
 * time: the sweep reads the oldest first and needs no index. Few markers live at once (each is settled
 * within seconds of its case), so the partition stays small; its write rate is the rate of new cases.
 */
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OwedStart, StartLedger } from '#ports/start-ledger';
import { dynamoDocumentClient } from './clients.ts';
import { requireEnv } from './config.ts';
import { keys } from './keys.ts';

/** The marker's Put, as one item of the transaction that writes its case (append it last). */
export function ownedStartPut(table: string, start: OwedStart) {
  return {
    Put: {
      TableName: table,
      Item: { ...keys.pendingStart(start.since, start.executionName), ...start },
    },
  };
}

/** The marker's Delete, as one item of a transaction that proves its workflow started. */
export function settledStartDelete(table: string, start: Pick<OwedStart, 'since' | 'executionName'>) {
  return { Delete: { TableName: table, Key: keys.pendingStart(start.since, start.executionName) } };
}

export class DynamoStartLedger implements StartLedger {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async owed(before: Date, limit: number): Promise<OwedStart[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        // `<since>#…` sorts before the bare time `before` exactly when `since` is earlier.
        KeyConditionExpression: 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: { ':pk': keys.pendingStarts, ':before': before.toISOString() },
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => ({
      workflow: item.workflow as string,
      executionName: item.executionName as string,
      input: item.input as Record<string, unknown>,
      since: item.since as string,
    }));
  }

  async settle(start: Pick<OwedStart, 'since' | 'executionName'>): Promise<void> {
    await this.db.send(new DeleteCommand(settledStartDelete(this.table, start).Delete));
  }
}
