/** Registrations: submit, follow, supplement, withdraw (api.md, Registration). The workflow does the work. */

import { supplementRegistration, withdrawRegistration } from '#app/registration/applicant-actions';
import { listRegistrations, registrationView, visibleRegistration } from '#app/registration/follow';
import { submitRegistration } from '#app/registration/submit';
import { ROUTE } from '#contract/routes';
import type { RegistrationApplication } from '#domain/registration/types';
import { requestKeyOf } from '#http/idempotency';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(
  ports: Pick<
    Ports,
    | 'clock'
    | 'humanTasks'
    | 'idempotency'
    | 'ids'
    | 'licensing'
    | 'nameIndex'
    | 'registrations'
    | 'sealer'
    | 'workflows'
  >,
) {
  const view = (r: Parameters<typeof registrationView>[0]) => registrationView(r, ports.licensing);
  return {
    submit: httpRoute(
      ROUTE.SubmitRegistration,
      async ({ body, caller }) => {
        const record = await submitRegistration(ports, caller, body as RegistrationApplication, {
          kind: 'online',
        });
        return json(
          202,
          { id: record.id, status: record.status },
          { location: `/v1/registrations/${record.id}` },
        );
      },
      ports,
    ),

    list: httpRoute(ROUTE.ListRegistrations, async ({ caller, query }) => {
      const page = await listRegistrations(ports, caller, query.cursor, query.limit);
      return json(200, { items: page.items.map(view), nextCursor: page.nextCursor });
    }),

    getOne: httpRoute(ROUTE.GetRegistration, async ({ params, caller }) =>
      json(200, view(await visibleRegistration(ports, caller, params.id))),
    ),

    /** 补正: the applicant (or the clerk who took the case) adds materials while changes are requested. */
    supplement: httpRoute(ROUTE.SupplementRegistration, async ({ params, caller, body }) =>
      json(200, view(await supplementRegistration(ports, caller, params.id, body.materials))),
    ),

    withdraw: httpRoute(ROUTE.WithdrawRegistration, async ({ params, caller }) =>
      json(200, view(await withdrawRegistration(ports, caller, params.id))),
    ),
  };
}
