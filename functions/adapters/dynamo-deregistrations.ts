/**
 * Simple deregistrations in the registry table:
 *
 *   DEREG#<id> / DEREG                the case; byOwner: ANNOUNCEMENTS, <endsAt>#<id> while it is `announced`
 *   ENT#<creditCode> / ENT            its enterprise's status (and event sequence) moves with the case
 *   OUTBOX#<creditCode> / EVT#<seq>   the enterprise's event, written with the change that causes it
 *   NOTE#<id> / NOTE                  the owner's notice, in the same write
 *   PENDING#START / <since>#<name>    the workflow start a filing owes, until its first step runs
 *
 * The open announcements are one byOwner partition sorted by when each window ends: the index keys are
 * put by the move to `announced` and removed by every other move, so the partition holds open windows
 * and the ones that ended moments ago, which the query's lower bound (the present) leaves out. The
 * partition's write rate is the rate of announcements, a few a second at most.
 */
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Move } from '#domain/deregistration/lifecycle';
import type { DeregistrationRecord, Objection } from '#domain/deregistration/record';
import type { DeregistrationStore, EnterpriseChange } from '#ports/deregistrations';
import type { Page } from '#ports/page';
import { deregistrationStart } from '#ports/start-ledger';
import { dynamoDocumentClient } from './clients.ts';
import { conditionally, conditionFailed, statusUpdate, withoutKeys } from './conditions.ts';
import { requireEnv } from './config.ts';
import { noticeItem } from './dynamo-notifications.ts';
import { ownedStartPut, settledStartDelete } from './dynamo-start-ledger.ts';
import { indexPage } from './index-page.ts';
import { keys } from './keys.ts';

type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

type MoveOptions = NonNullable<Parameters<DeregistrationStore['move']>[2]>;

/** Where an announced case sits in the open announcements: endsAt is ISO UTC, so text order is time order. */
const announcementIndex = (id: string, endsAt: string) => ({
  gsi1pk: keys.announcements,
  gsi1sk: `${new Date(endsAt).toISOString()}#${id}`,
});

export class DynamoDeregistrationStore implements DeregistrationStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async create(record: DeregistrationRecord): Promise<'created' | 'conflict'> {
    const index =
      record.status === 'announced' ? announcementIndex(record.id, record.announcement.endsAt) : {};
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.deregistration(record.id), ...index, ...record },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: keys.enterprise(record.creditCode),
                UpdateExpression: 'SET #status = :deregistering',
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':deregistering': 'deregistering', ':active': 'active' },
              },
            },
            // Last, as dynamo-registrations.ts `create` puts it: the start fileDeregistration makes next.
            ownedStartPut(this.table, deregistrationStart(record)),
          ],
        }),
      );
      return 'created';
    } catch (error) {
      // The enterprise not active (another case holds it, or it is closed), or this very case written
      // already by an earlier attempt of the same request: the use case tells the two apart by reading.
      if (conditionFailed(error)) return 'conflict';
      throw error;
    }
  }

  async get(id: string): Promise<DeregistrationRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.deregistration(id), ConsistentRead: true }),
    );
    return Item ? withoutKeys<DeregistrationRecord>(Item) : undefined;
  }

  async move(id: string, move: Move, options: MoveOptions = {}): Promise<boolean> {
    const set = definedFields(options.set);
    const { enterprise, notice } = options;
    if (enterprise) checkChange(enterprise);
    // A move from `checking` is a workflow step: it settles the start the filing owed, whose key holds the
    // filing time, so the case is read first (this read also gives the window a move to `announced` files).
    const settles = move.from.includes('checking');
    const reads = settles || (move.to === 'announced' && !set.announcement);
    const stored = reads ? await this.get(id) : undefined;
    if (reads && !stored) return false;
    const update = this.caseUpdate(id, move, set, stored, enterprise);
    const items: TransactItem[] = [{ Update: update }];
    if (enterprise) items.push(...this.enterpriseItems(enterprise));
    // No condition: the notice's id is once per case and kind, and a leftover must not refuse the move.
    if (notice) items.push({ Put: { TableName: this.table, Item: noticeItem(notice) } });
    if (settles && stored) items.push(settledStartDelete(this.table, deregistrationStart(stored)));
    if (items.length === 1) return conditionally(() => this.db.send(new UpdateCommand(update)));
    return conditionally(() => this.db.send(new TransactWriteCommand({ TransactItems: items })));
  }

  await(
    id: string,
    status: DeregistrationRecord['status'],
    waiting: DeregistrationRecord['waiting'],
  ): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.deregistration(id),
          UpdateExpression: waiting ? 'SET #waiting = :waiting' : 'REMOVE #waiting',
          ConditionExpression: '#status = :status',
          ExpressionAttributeNames: { '#status': 'status', '#waiting': 'waiting' },
          ExpressionAttributeValues: { ':status': status, ...(waiting ? { ':waiting': waiting } : {}) },
        }),
      ),
    );
  }

  object(id: string, objection: Objection): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.deregistration(id),
          UpdateExpression: 'SET #objections = list_append(#objections, :objection)',
          // Both ISO UTC: text order is time order. The window excludes its end instant.
          ConditionExpression: '#status = :announced AND #announcement.#endsAt > :at',
          ExpressionAttributeNames: {
            '#status': 'status',
            '#objections': 'objections',
            '#announcement': 'announcement',
            '#endsAt': 'endsAt',
          },
          ExpressionAttributeValues: {
            ':objection': [objection],
            ':announced': 'announced',
            ':at': new Date(objection.at).toISOString(),
          },
        }),
      ),
    );
  }

  openAnnouncements(
    at: Date,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<DeregistrationRecord>> {
    return indexPage({
      db: this.db,
      table: this.table,
      partition: keys.announcements,
      // `$` sorts just after `#`: a window ending at this very instant, closed already, stays out.
      above: `${at.toISOString()}$`,
      kind: 'announcements',
      cursor,
      limit,
      toRecord: (item) => withoutKeys<DeregistrationRecord>(item),
    });
  }

  /**
   * The case's status move: its timeline, its `set`, the index keys of an open announcement put (to
   * `announced`) or removed (any other move), and the token it waited on dropped: every move answers the
   * wait of the status it leaves, so a token is never left behind for a callback that is over.
   */
  private caseUpdate(
    id: string,
    move: Move,
    set: Partial<DeregistrationRecord>,
    stored: DeregistrationRecord | undefined,
    enterprise: EnterpriseChange | undefined,
  ) {
    const announced = move.to === 'announced';
    const endsAt = set.announcement?.endsAt ?? stored?.announcement.endsAt;
    const update = statusUpdate(this.table, {
      key: keys.deregistration(id),
      from: move.from,
      to: move.to,
      append: { attribute: 'timeline', entries: move.entries },
      set: {
        updatedAt: move.entries.at(-1)?.at,
        ...set,
        ...(announced && endsAt ? announcementIndex(id, endsAt) : {}),
      },
    });
    const names: Record<string, string> = { ...update.ExpressionAttributeNames };
    const values: Record<string, unknown> = { ...update.ExpressionAttributeValues };
    const conditions = [update.ConditionExpression];
    // The wait's token stays: whoever decides the wait (a confirmation) answers with it after its move,
    // and a token left from an ended wait answers nothing (the engine says `gone`).
    const removes = announced ? [] : ['gsi1pk', 'gsi1sk'];
    if (enterprise) {
      conditions.push('#creditCode = :creditCode');
      names['#creditCode'] = 'creditCode';
      values[':creditCode'] = enterprise.creditCode;
    }
    if (announced && !set.announcement) {
      // The window was read before this write: the index must file the window the case still has.
      conditions.push('#announcement.#endsAt = :endsAt');
      Object.assign(names, { '#announcement': 'announcement', '#endsAt': 'endsAt' });
      values[':endsAt'] = endsAt;
    }
    return {
      ...update,
      UpdateExpression: removes.length
        ? `${update.UpdateExpression} REMOVE ${removes.join(', ')}`
        : update.UpdateExpression,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }

  /** The enterprise moves only from the status and event sequence the case read; its event with it. */
  private enterpriseItems(change: EnterpriseChange): TransactItem[] {
    const { event } = change;
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.table,
          Key: keys.enterprise(change.creditCode),
          UpdateExpression: event ? 'SET #status = :to, eventSeq = :seq' : 'SET #status = :to',
          ConditionExpression: '#status = :from AND eventSeq = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':to': change.to,
            ':from': change.from,
            ':expected': change.expectedEventSeq,
            ...(event ? { ':seq': event.seq } : {}),
          },
        },
      },
    ];
    if (event)
      items.push({
        Put: {
          TableName: this.table,
          Item: { ...keys.outbox(event.creditCode, event.seq), ...event, delivery: 'pending' },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    return items;
  }
}

/** The defined fields only: an `undefined` would leave its placeholder without a value. */
function definedFields(set: Partial<DeregistrationRecord> = {}): Partial<DeregistrationRecord> {
  return Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
}

/** The event is the enterprise's next, at `expectedEventSeq + 1`: anything else would leave a gap. */
function checkChange(change: EnterpriseChange): void {
  const { event } = change;
  if (event && (event.seq !== change.expectedEventSeq + 1 || event.creditCode !== change.creditCode))
    throw new RangeError(
      `the event of ${change.creditCode} must be its next (${change.expectedEventSeq + 1}), not ${event.creditCode}#${event.seq}`,
    );
}
