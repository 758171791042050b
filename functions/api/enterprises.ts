/** Enterprises as the public sees them, the authority's name corrections and the owner's corrected name (api.md). */

import { disclose, orderNameCorrection } from '#app/enterprises/enterprises';
import { fileCorrectedName } from '#app/enterprises/name-change';
import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(
  ports: Pick<Ports, 'clock' | 'enterprises' | 'nameIndex' | 'reservations' | 'startLedger' | 'workflows'>,
) {
  return {
    getOne: httpRoute(ROUTE.GetEnterprise, async ({ params }) =>
      json(200, await disclose(ports, params.creditCode)),
    ),

    orderNameCorrection: httpRoute(ROUTE.OrderNameCorrection, async ({ params, body, caller }) =>
      json(201, await orderNameCorrection(ports, caller, params.creditCode, body.reason)),
    ),

    /** The owner's answer to the order: the corrected name, from a reservation of theirs. */
    fileCorrectedName: httpRoute(ROUTE.FileCorrectedName, async ({ params, body, caller }) =>
      json(200, await fileCorrectedName(ports, caller, params.creditCode, body.reservationId)),
    ),
  };
}
