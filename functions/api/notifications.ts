import { DynamoNotificationStore } from '#adapters/dynamo-notifications';
import { httpRoute, json } from '#http/route';
import type { NotificationStore } from '#ports/notifications';
import { ROUTE } from '#shared/routes';

let store: NotificationStore | undefined;

/** GET /v1/notifications: the caller's notices (as their sub, and as their verified identity), newest first. */
export const list = httpRoute(ROUTE.ListNotifications, async ({ caller, query }) => {
  store ??= new DynamoNotificationStore();
  const page = await store.listOwned(
    { sub: caller.sub, ...(caller.idHash ? { idHash: caller.idHash } : {}) },
    query.cursor,
    query.limit,
  );
  return json(200, {
    items: page.items.map(({ ownerSub: _s, ownerIdHash: _h, ...notice }) => notice),
    nextCursor: page.nextCursor,
  });
});
