/**
 * The registry's lists in the registry table, one item per enterprise and list:
 *
 *   REGLIST#<creditCode> / <list>   the entry; byOwner: REGLIST#<list>#<authority>, <creditCode>
 *
 * Eligibility reads every list naming an enterprise in one query of its partition; an examiner pages
 * one list at their authority through the index, in credit-code order.
 */
import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { RegistryList, RegistryListEntry } from '#domain/deregistration/rules';
import type { RegistryListStore } from '#ports/deregistrations';
import type { Page } from '#ports/page';
import { dynamoDocumentClient } from './clients.ts';
import { conditionally, withoutKeys } from './conditions.ts';
import { requireEnv } from './config.ts';
import { indexPage } from './index-page.ts';
import { keys } from './keys.ts';

type StoredEntry = RegistryListEntry & { authority: string };

/** The cursor tag of one list at one authority (as the twin's): another list's cursor is refused, not misread. */
const registryListCursor = (list: string, authority: string) => `registry-list:${list}:${authority}`;

export class DynamoRegistryListStore implements RegistryListStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async entriesFor(creditCode: string): Promise<StoredEntry[]> {
    // Twelve lists at most: one page of the partition holds them all.
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.registryListPartition(creditCode) },
        ConsistentRead: true,
      }),
    );
    return Items.map((item) => withoutKeys<StoredEntry>(item));
  }

  list(
    list: RegistryList,
    authority: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<StoredEntry>> {
    return indexPage({
      db: this.db,
      table: this.table,
      partition: keys.registryListIndex(list, authority),
      kind: registryListCursor(list, authority),
      cursor,
      limit,
      toRecord: (item) => withoutKeys<StoredEntry>(item),
    });
  }

  async put(entry: StoredEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.registryListEntry(entry.creditCode, entry.list),
          gsi1pk: keys.registryListIndex(entry.list, entry.authority),
          gsi1sk: entry.creditCode,
          ...entry,
        },
      }),
    );
  }

  remove(list: RegistryList, creditCode: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.registryListEntry(creditCode, list),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    );
  }
}
