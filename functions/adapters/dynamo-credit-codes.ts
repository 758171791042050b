/**
 * Credit codes in the registry table:
 *
 *   CODESEQ#<rangeId> / SEQ     the atomic sequence of an authority's code range
 *   CODE#<creditCode> / CODE    a code issued once: which registration has it (or `void` after compensation)
 *
 * A code is claimed with the registration's move in one transaction, so a code never exists without the
 * registration that has it, and a repeated task finds the registration's code already there.
 */
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Move } from '#domain/registration/lifecycle';
import type { CreditCodeStore } from '#ports/credit-codes';
import { dynamoDocumentClient } from './clients.ts';
import { cancelledAt, statusUpdate } from './conditions.ts';
import { requireEnv } from './config.ts';
import { keys } from './keys.ts';

export class DynamoCreditCodeStore implements CreditCodeStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async nextSequence(rangeId: string): Promise<number> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.codeSequence(rangeId),
        UpdateExpression: 'ADD n :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.n) - 1;
  }

  async claim(
    registrationId: string,
    code: string,
    at: Date,
    move: Move,
    set: Record<string, unknown> = {},
  ): Promise<boolean> {
    const update = statusUpdate(this.table, {
      key: keys.registration(registrationId),
      from: move.from,
      to: move.to,
      append: { attribute: 'timeline', entries: move.entries },
      set: { creditCode: code, updatedAt: at.toISOString() },
      setIfAbsent: set,
    });
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...keys.code(code),
                  registrationId,
                  status: 'issued',
                  issuedAt: at.toISOString(),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                ...update,
                ConditionExpression: `(${update.ConditionExpression}) AND attribute_not_exists(creditCode)`,
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (cancelledAt(error, 1)) return false;
      if (cancelledAt(error, 0))
        throw new Error(`credit code ${code} was issued before: the range counter is behind`);
      throw error;
    }
  }

  async void(registrationId: string, code: string, at: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.code(code),
        UpdateExpression: 'SET #status = :void, voidedAt = :at',
        ConditionExpression: 'registrationId = :id',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':void': 'void', ':at': at.toISOString(), ':id': registrationId },
      }),
    );
  }
}
