/**
 * Enterprises as the public sees them (公示), and the authority's order to correct a registered name:
 * until the name is corrected, the enterprise is shown by its credit code (企业名称登记管理规定 第二十三条).
 */

import { DynamoRegistrationStore, type EnterpriseRecord } from '#adapters/dynamo-registrations';
import { NotFoundError } from '#domain/errors';
import { examinesFor } from '#domain/registration/access';
import { httpRoute, json } from '#http/route';
import { systemClock } from '#ports/clock';
import { ROUTE } from '#shared/routes';

let store: DynamoRegistrationStore | undefined;
const registrations = () => (store ??= new DynamoRegistrationStore());

export function disclosure(e: EnterpriseRecord) {
  const pending = Boolean(e.nameCorrection && !e.nameCorrection.correctedAt);
  return {
    creditCode: e.creditCode,
    name: pending ? e.creditCode : e.name,
    entityType: e.entityType,
    status: e.status,
    establishedOn: e.establishedOn,
    registrationAuthority: e.registrationAuthority,
    nameCorrectionPending: pending,
  };
}

export const getOne = httpRoute(ROUTE.GetEnterprise, async ({ params }) => {
  const enterprise = await registrations().getEnterprise(params.creditCode);
  if (!enterprise) throw new NotFoundError('enterprise');
  return json(200, disclosure(enterprise));
});

/** An examiner of the enterprise's registration authority orders its name corrected. */
export const orderNameCorrection = httpRoute(ROUTE.OrderNameCorrection, async ({ params, body, caller }) => {
  const enterprise = await registrations().getEnterprise(params.creditCode);
  if (!enterprise || !examinesFor(caller, enterprise.registrationAuthority))
    throw new NotFoundError('enterprise');
  const order = { orderedAt: systemClock.now().toISOString(), by: caller.sub, reason: body.reason };
  await registrations().orderNameCorrection(enterprise.creditCode, order);
  return json(201, disclosure({ ...enterprise, nameCorrection: order }));
});
