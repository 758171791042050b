/**
 * Licenses in the registry table:
 *
 *   LIC#<creditCode> / V#<version>        a license version (the newest is the current one)
 *   LIC#<creditCode> / CLAIM#<version>    the version's status slot and issue instant, claimed once
 *   LICSEQ / SEQ                          the sequence status slots are drawn from
 *   STATUSLIST#<listId> / LIST            a status list: its bits, its signed credential, its revision
 *
 * An issuance writes the version, its `license.issued` event (and, on reissue, the old version revoked,
 * its bit set and `license.revoked`), the enterprise's event sequence, the registration's
 * `licenseVersion` and the notice, in one TransactWriteItems; it takes up the LICREQ# request.
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '#domain/enterprise';
import type {
  IssuanceClaim,
  IssueOutcome,
  LicenseIssuance,
  LicenseRecord,
  LicenseStore,
  Revocation,
  StatusListRecord,
  StatusListWrite,
} from '#ports/licenses';
import { dynamoDocumentClient } from './clients.ts';
import { cancelledAt, conditionally, conditionFailed, withoutKeys } from './conditions.ts';
import { requireEnv } from './config.ts';
import { keys } from './keys.ts';
import { ownerPartition } from './owner-listing.ts';

const STATUS_LIST_ENTRIES = 131_072;

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

export class DynamoLicenseStore implements LicenseStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async current(creditCode: string): Promise<LicenseRecord | undefined> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': keys.licensePartition(creditCode), ':v': 'V#' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = Items?.[0];
    return item ? withoutKeys<LicenseRecord>(item) : undefined;
  }

  async get(creditCode: string, version: number): Promise<LicenseRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.license(creditCode, version), ConsistentRead: true }),
    );
    return Item ? withoutKeys<LicenseRecord>(Item) : undefined;
  }

  async claimIssuance(creditCode: string, version: number, at: Date): Promise<IssuanceClaim> {
    const key = keys.licenseClaim(creditCode, version);
    const existing = await this.claimAt(key);
    if (existing) return existing;
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.statusSequence(),
        UpdateExpression: 'ADD seq :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const seq = Number(Attributes?.seq) - 1;
    const claim: IssuanceClaim = {
      statusListId: String(Math.floor(seq / STATUS_LIST_ENTRIES) + 1),
      statusIndex: seq % STATUS_LIST_ENTRIES,
      issuedAt: at.toISOString(),
    };
    const made = await conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...key, ...claim, creditCode, version },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    // A concurrent twin claimed first: its slot is the version's; this sequence value stays unused.
    if (made) return claim;
    const theirs = await this.claimAt(key);
    if (!theirs) throw new Error(`the issuance claim of ${creditCode} v${version} vanished`);
    return theirs;
  }

  async issue(issuance: LicenseIssuance): Promise<IssueOutcome> {
    const { license, event, supersedes, notice } = issuance;
    const items: TransactItem[] = [
      this.put({ ...keys.license(license.creditCode, license.version), ...license }),
      this.eventSeq(license.creditCode, issuance.expectedEventSeq, event.seq),
      ...(supersedes ? this.revocationItems(supersedes) : []),
      this.put({ ...keys.outbox(event.creditCode, event.seq), ...event, delivery: 'pending' }),
      {
        Put: {
          TableName: this.table,
          Item: {
            ...keys.notice(notice.id),
            gsi1pk: ownerPartition(notice),
            gsi1sk: `NOTE#${notice.at}#${notice.id}`,
            ...notice,
          },
        },
      },
      { Delete: { TableName: this.table, Key: keys.licenseRequest(license.creditCode) } },
    ];
    if (issuance.registrationId)
      items.push({
        Update: {
          TableName: this.table,
          Key: keys.registration(issuance.registrationId),
          UpdateExpression: 'SET licenseVersion = :v',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':v': license.version },
        },
      });
    return this.transact(items);
  }

  async statusList(listId: string): Promise<StatusListRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.statusList(listId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const record = withoutKeys<StatusListRecord>(Item);
    return { ...record, bits: new Uint8Array(record.bits) };
  }

  createStatusList(list: Omit<StatusListWrite, 'expectedRevision'>): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.statusList(list.listId), ...list, revision: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  republishStatusList(list: StatusListWrite): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.statusList(list.listId),
          UpdateExpression: 'SET jws = :jws, #credential = :credential, updatedAt = :at, revision = :next',
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeNames: { '#credential': 'credential' },
          ExpressionAttributeValues: {
            ':jws': list.jws,
            ':credential': list.credential,
            ':at': list.updatedAt,
            ':expected': list.expectedRevision,
            ':next': list.expectedRevision + 1,
          },
        }),
      ),
    );
  }

  revoke(revocation: Revocation & { expectedEventSeq: number }): Promise<IssueOutcome> {
    return this.transact([
      ...this.revocationItems(revocation),
      this.eventSeq(revocation.creditCode, revocation.expectedEventSeq, revocation.event.seq),
    ]);
  }

  /** The version revoked (first: its failing condition means "revoked already"), its list, its event. */
  private revocationItems(r: Revocation): TransactItem[] {
    const { expectedRevision, listId, ...list } = r.statusList;
    return [
      {
        Update: {
          TableName: this.table,
          Key: keys.license(r.creditCode, r.version),
          UpdateExpression: 'SET #status = :revoked, revokedAt = :at, revocationReason = :reason',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':revoked': 'revoked',
            ':active': 'active',
            ':at': r.at,
            ':reason': r.reason,
          },
        },
      },
      {
        Update: {
          TableName: this.table,
          Key: keys.statusList(listId),
          UpdateExpression:
            'SET bits = :bits, jws = :jws, #credential = :credential, updatedAt = :at, revision = :next',
          ConditionExpression: 'revision = :expected',
          ExpressionAttributeNames: { '#credential': 'credential' },
          ExpressionAttributeValues: {
            ':bits': list.bits,
            ':jws': list.jws,
            ':credential': list.credential,
            ':at': list.updatedAt,
            ':expected': expectedRevision,
            ':next': expectedRevision + 1,
          },
        },
      },
      this.put({
        ...keys.outbox(r.event.creditCode, r.event.seq),
        ...(r.event as OutboxEvent),
        delivery: 'pending',
      }),
    ];
  }

  /** The enterprise's event sequence moves to `seq` only from `expected`: events stay gap-free and ordered. */
  private eventSeq(creditCode: string, expected: number, seq: number): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: keys.enterprise(creditCode),
        UpdateExpression: 'SET eventSeq = :seq',
        ConditionExpression: 'eventSeq = :expected',
        ExpressionAttributeValues: { ':seq': seq, ':expected': expected },
      },
    };
  }

  private put(Item: Record<string, unknown>): TransactItem {
    return { Put: { TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** The first item's condition failing means the write was made before; any other, a conflict. */
  private async transact(items: TransactItem[]): Promise<IssueOutcome> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'created';
    } catch (error) {
      if (cancelledAt(error, 0)) return 'already';
      if (conditionFailed(error)) return 'conflict';
      throw error;
    }
  }

  private async claimAt(key: { pk: string; sk: string }): Promise<IssuanceClaim | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      statusListId: Item.statusListId,
      statusIndex: Number(Item.statusIndex),
      issuedAt: Item.issuedAt,
    };
  }
}
