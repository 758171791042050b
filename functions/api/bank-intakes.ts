/** The bank window (银政直通车, api.md): intake, the branch's list, one intake, the handover. */

import { branchIntake, handOver, type IntakeRequest, listBranchIntakes, takeIntake } from '#app/bank/intakes';
import { ROUTE } from '#contract/routes';
import { intakeView } from '#domain/bank-intake';
import { requestKeyOf } from '#http/idempotency';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(
  ports: Pick<
    Ports,
    | 'bankIntakes'
    | 'clock'
    | 'idempotency'
    | 'ids'
    | 'licenses'
    | 'materials'
    | 'registrations'
    | 'sealer'
    | 'workflows'
  >,
) {
  return {
    create: httpRoute(
      ROUTE.CreateBankIntake,
      async ({ body, caller, headers }) => {
        const key = requestKeyOf(ROUTE.CreateBankIntake, caller, headers);
        const { intake, registration } = await takeIntake(ports, caller, body as IntakeRequest, key);
        return json(
          202,
          { id: intake.id, registrationId: registration.id, status: registration.status },
          { location: `/v1/bank-intakes/${intake.id}` },
        );
      },
      ports,
    ),

    list: httpRoute(ROUTE.ListBankIntakes, async ({ caller, query }) => {
      const page = await listBranchIntakes(ports, caller, query.cursor, query.limit);
      return json(200, { items: page.items.map((i) => intakeView(i)), nextCursor: page.nextCursor });
    }),

    getOne: httpRoute(ROUTE.GetBankIntake, async ({ caller, params }) => {
      const { intake, registration } = await branchIntake(ports, caller, params.id);
      return json(200, intakeView(intake, registration?.status));
    }),

    handover: httpRoute(ROUTE.HandOverLicense, async ({ caller, params }) => {
      const { intake, registration } = await handOver(ports, caller, params.id);
      return json(200, intakeView(intake, registration.status));
    }),
  };
}
