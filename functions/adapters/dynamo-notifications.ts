/** Applicants' notices: NOTE#<id> / NOTE, listed through the byOwner index (NOTE#<at>#<id>). */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Notice, NotificationStore } from '#ports/notifications';
import type { Page } from '#ports/reservations';
import { dynamoDocumentClient } from './clients.ts';
import { requireEnv } from './config.ts';
import { keys } from './keys.ts';
import { listOwnedItems, ownerPartition } from './owner-listing.ts';

function toNotice(item: Record<string, unknown>): Notice {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _k, ...notice } = item;
  return notice as unknown as Notice;
}

/** The notice's item, for a Put alone or as one item of the transaction whose change it tells of. */
export function noticeItem(notice: Notice): Record<string, unknown> {
  return {
    ...keys.notice(notice.id),
    gsi1pk: ownerPartition(notice),
    gsi1sk: `NOTE#${notice.at}#${notice.id}`,
    ...notice,
  };
}

export class DynamoNotificationStore implements NotificationStore {
  constructor(
    private readonly db = dynamoDocumentClient(),
    private readonly table = requireEnv('REGISTRY_TABLE'),
  ) {}

  async notify(notice: Notice): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: noticeItem(notice),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  listOwned(
    owner: { sub: string; idHash?: string },
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<Notice>> {
    return listOwnedItems({
      table: this.table,
      owner,
      prefix: 'NOTE#',
      cursorKind: 'notifications',
      cursor,
      limit,
      toRecord: toNotice,
      db: this.db,
    });
  }
}
