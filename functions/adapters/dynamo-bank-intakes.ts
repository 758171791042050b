/**
 * Bank-window intakes (银政直通车):
 *
 *   BANK#<id> / BANK   the intake: branch, clerk, the applicant (masked and hashed), consent, the chain of
 *                      custody; byOwner: BRANCH#<branchId>, BANK#<createdAt>#<id> (a branch lists its own)
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BankIntake, CustodyEvent } from '#domain/bank-intake';
import type { BankIntakeStore } from '#ports/bank-intakes';
import type { Page } from '#ports/page';
import { dynamoDocumentClient } from './clients.ts';
import { moveStatus } from './conditions.ts';
import { requireEnv } from './config.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

const key = (id: string) => ({ pk: `BANK#${id}`, sk: 'BANK' });

function strip(item: Record<string, unknown>): BankIntake {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _k, ...rest } = item;
  return rest as unknown as BankIntake;
}

export class DynamoBankIntakeStore implements BankIntakeStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async create(intake: BankIntake): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...key(intake.id),
          gsi1pk: `BRANCH#${intake.branchId}`,
          gsi1sk: `BANK#${intake.createdAt}#${intake.id}`,
          ...intake,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<BankIntake | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key(id), ConsistentRead: true }),
    );
    return Item ? strip(Item) : undefined;
  }

  async listForBranch(
    branchId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<BankIntake>> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :b AND begins_with(gsi1sk, :bank)',
        ExpressionAttributeValues: { ':b': `BRANCH#${branchId}`, ':bank': 'BANK#' },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor<Record<string, unknown>>('bank-intakes', cursor),
      }),
    );
    return {
      items: (out.Items ?? []).map(strip),
      nextCursor: encodeCursor('bank-intakes', out.LastEvaluatedKey),
    };
  }

  /** Appends to the chain of custody and moves the status; false when the intake was not in `from`. */
  async record(
    id: string,
    from: BankIntake['status'],
    to: BankIntake['status'],
    event: CustodyEvent,
    set: Record<string, unknown> = {},
  ): Promise<boolean> {
    return moveStatus(this.db, this.table, {
      key: key(id),
      from: [from],
      to,
      append: { attribute: 'custody', entries: [event] },
      set,
    });
  }
}
