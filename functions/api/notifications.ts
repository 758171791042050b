import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(ports: Pick<Ports, 'notifications'>) {
  return {
    /** GET /v1/notifications: the caller's notices (as their sub, and as their verified identity), newest first. */
    list: httpRoute(ROUTE.ListNotifications, async ({ caller, query }) => {
      const page = await ports.notifications.listOwned(
        { sub: caller.sub, ...(caller.idHash ? { idHash: caller.idHash } : {}) },
        query.cursor,
        query.limit,
      );
      return json(200, {
        items: page.items.map(({ ownerSub: _s, ownerIdHash: _h, ...notice }) => notice),
        nextCursor: page.nextCursor,
      });
    }),
  };
}
