/** Simple deregistration over HTTP (api.md): parse, authorize in the use case, map the result. */
import {
  confirmDeregistration,
  getDeregistration,
  objectToDeregistration,
  openAnnouncements,
} from '#app/deregistration/actions';
import { fileDeregistration } from '#app/deregistration/filing';
import {
  addRegistryEntry,
  listRegistryEntries,
  removeRegistryEntry,
} from '#app/deregistration/registry-lists';
import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(
  ports: Pick<
    Ports,
    | 'clock'
    | 'deregistrations'
    | 'enterprises'
    | 'idempotency'
    | 'ids'
    | 'registrations'
    | 'registryLists'
    | 'settings'
    | 'workflows'
  >,
) {
  return {
    file: httpRoute(
      ROUTE.FileDeregistration,
      async ({ body, caller }) => {
        const record = await fileDeregistration(ports, caller, body);
        return json(
          202,
          { id: record.id, status: record.status, announcementEndsAt: record.announcement.endsAt },
          { location: `/v1/deregistrations/${record.id}` },
        );
      },
      ports,
    ),

    getOne: httpRoute(ROUTE.GetDeregistration, async ({ params, caller }) =>
      json(200, await getDeregistration(ports, caller, params.id)),
    ),

    confirm: httpRoute(ROUTE.ConfirmDeregistration, async ({ params, caller }) =>
      json(200, await confirmDeregistration(ports, caller, params.id)),
    ),

    object: httpRoute(
      ROUTE.ObjectToDeregistration,
      async ({ params, body, caller }) =>
        json(201, await objectToDeregistration(ports, caller, params.id, body.reason)),
      ports,
    ),

    announcements: httpRoute(ROUTE.ListAnnouncements, async ({ query }) =>
      json(200, await openAnnouncements(ports, query.cursor, query.limit)),
    ),

    listEntries: httpRoute(ROUTE.ListRegistryEntries, async ({ params, query, caller }) =>
      json(200, await listRegistryEntries(ports, caller, params.list, query.cursor, query.limit)),
    ),

    addEntry: httpRoute(ROUTE.PutRegistryEntry, async ({ params, body, caller }) =>
      json(201, await addRegistryEntry(ports, caller, params.list, params.creditCode, body.reason)),
    ),

    removeEntry: httpRoute(ROUTE.DeleteRegistryEntry, async ({ params, caller }) => {
      await removeRegistryEntry(ports, caller, params.list, params.creditCode);
      return json(200, {
        list: params.list,
        creditCode: params.creditCode,
        removed: true,
        removedBy: caller.sub,
        at: ports.clock.now().toISOString(),
      });
    }),
  };
}
