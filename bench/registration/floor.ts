/**
 * The floor of a path: each kind of storage round trip it makes, measured alone and serially on the same
 * engines in the same run, weighted by how many of each the path makes. What the path cannot beat.
 */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '#adapters/clients';

async function time(f: () => Promise<unknown>, n = 100): Promise<number> {
  for (let i = 0; i < 20; i++) await f();
  const t = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - t) / n;
}

/** Milliseconds of one call of each command kind, alone. */
export async function singleCallCosts(): Promise<(command: string) => number> {
  const db = dynamoDocumentClient();
  const key = (i: number) => ({ pk: `BENCHFLOOR#${i % 50}`, sk: 'X' });
  let i = 0;
  const single: Record<string, number> = {
    GetItemCommand: await time(() => db.send(new GetCommand({ TableName: 'registry', Key: key(i++) }))),
    PutItemCommand: await time(() =>
      db.send(new PutCommand({ TableName: 'registry', Item: { ...key(i++), v: i } })),
    ),
    UpdateItemCommand: await time(() =>
      db.send(
        new UpdateCommand({
          TableName: 'registry',
          Key: key(i++),
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    ),
    TransactWriteItemsCommand: await time(() =>
      db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 'registry', Item: { ...key(i++), v: 1 } } },
            { Put: { TableName: 'registry', Item: { ...key(i++ + 25), v: 1 } } },
          ],
        }),
      ),
    ),
  };
  return (command: string) => {
    const name = command.split(':')[1] ?? '';
    const read = name.startsWith('Query') || name.startsWith('BatchGet');
    return single[name] ?? (read ? single.GetItemCommand! : single.PutItemCommand!);
  };
}
