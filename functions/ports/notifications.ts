import type { Notice } from '#domain/notices';
import type { Owner, Page } from './page.ts';

export type { Notice } from '#domain/notices';

export interface NotificationStore {
  /** Records a notice once; false when it was already there. */
  notify(notice: Notice): Promise<boolean>;
  listOwned(owner: Owner, cursor: string | undefined, limit: number): Promise<Page<Notice>>;
}
