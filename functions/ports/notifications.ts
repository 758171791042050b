import type { Page } from './reservations.ts';

export interface Notice {
  /** Deterministic (`<kind>:<subject id>`), so a repeated task notifies once. */
  id: string;
  kind:
    | 'reservation.expiring'
    | 'reservation.expired'
    | 'registration.changes_requested'
    | 'registration.registered'
    | 'registration.rejected';
  subject: { type: 'reservation' | 'registration'; id: string };
  message: string;
  messageEn: string;
  at: string;
  ownerSub: string;
  ownerIdHash?: string;
}

export interface NotificationStore {
  /** Records a notice once; false when it was already there. */
  notify(notice: Notice): Promise<boolean>;
  listOwned(
    owner: { sub: string; idHash?: string },
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<Notice>>;
}
