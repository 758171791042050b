/** Enterprises as the public sees them, and the authority's name corrections (api.md). */

import { disclose, orderNameCorrection } from '#app/enterprises/enterprises';
import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(ports: Ports) {
  return {
    getOne: httpRoute(ROUTE.GetEnterprise, async ({ params }) =>
      json(200, await disclose(ports, params.creditCode)),
    ),

    orderNameCorrection: httpRoute(ROUTE.OrderNameCorrection, async ({ params, body, caller }) =>
      json(201, await orderNameCorrection(ports, caller, params.creditCode, body.reason)),
    ),
  };
}
