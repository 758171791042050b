/** The in-memory twin of dynamo-notifications.ts: each notice once, listed by owner newest first. */
import type { Notice } from '#domain/notices';
import type { NotificationStore } from '#ports/notifications';
import type { Owner, Page } from '#ports/page';
import { ownedBy, pageOf } from './paging.ts';
import { type MemoryRegistry, putNotice } from './registry.ts';

export class MemoryNotificationStore implements NotificationStore {
  constructor(private readonly registry: MemoryRegistry) {}

  async notify(notice: Notice): Promise<boolean> {
    return putNotice(this.registry, notice);
  }

  async listOwned(owner: Owner, cursor: string | undefined, limit: number): Promise<Page<Notice>> {
    const mine = [...this.registry.notices.values()].filter((n) => ownedBy(owner, n));
    return pageOf(mine, (n) => `NOTE#${n.at}#${n.id}`, {
      kind: 'notifications',
      cursor,
      limit,
      order: 'newest',
    });
  }
}
