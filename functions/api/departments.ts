/** The department push over HTTP (api.md, Departments; Operators' deliveries and departments). */
import { acknowledge, pullEvents, reconciliation } from '#app/push/inbox';
import { departmentOverview, listDeliveries, redrive, skip } from '#app/push/operators';
import { registerWebhook, runtimeOf, webhookStatus } from '#app/push/webhooks';
import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(ports: Pick<Ports, 'clock' | 'deliveries' | 'licensing' | 'sealer' | 'settings'>) {
  return {
    events: httpRoute(ROUTE.ListDepartmentEvents, async ({ params, query, caller }) =>
      json(200, await pullEvents(ports, caller, params.code, query.cursor, query.limit)),
    ),

    receipt: httpRoute(ROUTE.AcknowledgeDepartmentEvent, async ({ params, caller }) =>
      json(200, await acknowledge(ports, caller, params.code, params.eventId)),
    ),

    putWebhook: httpRoute(ROUTE.PutDepartmentWebhook, async ({ params, body, caller }) =>
      json(200, await registerWebhook(ports, caller, params.code, body.url, runtimeOf(ports))),
    ),

    getWebhook: httpRoute(ROUTE.GetDepartmentWebhook, async ({ params, caller }) =>
      json(200, await webhookStatus(ports, caller, params.code)),
    ),

    reconciliation: httpRoute(ROUTE.GetDepartmentReconciliation, async ({ params, query, caller }) =>
      json(200, await reconciliation(ports, caller, params.code, query.date)),
    ),

    listDeliveries: httpRoute(ROUTE.ListDeliveries, async ({ query, caller }) =>
      json(200, await listDeliveries(ports, caller, query.status, query.cursor, query.limit)),
    ),

    redrive: httpRoute(ROUTE.RedriveDelivery, async ({ params, caller }) =>
      json(200, await redrive(ports, caller, params.id)),
    ),

    skip: httpRoute(ROUTE.SkipDelivery, async ({ params, body, caller }) =>
      json(200, await skip(ports, caller, params.id, body.reason)),
    ),

    departmentOverview: httpRoute(ROUTE.ListDepartmentOverview, async ({ caller }) =>
      json(200, { items: await departmentOverview(ports, caller) }),
    ),
  };
}
