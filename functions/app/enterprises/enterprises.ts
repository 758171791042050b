/**
 * Enterprises as the public sees them (公示), and the authority's order to correct a registered name:
 * until the name is corrected, the enterprise is shown by its credit code (企业名称登记管理规定 第二十三条).
 */
import type { Caller } from '#domain/caller';
import { disclosureOf, type EnterpriseRecord } from '#domain/enterprise';
import { ConflictError, NotFoundError } from '#domain/errors';
import { examinesFor } from '#domain/registration/access';
import type { Ports } from '#ports/ports';

export async function disclose(ports: Pick<Ports, 'enterprises'>, creditCode: string) {
  const enterprise = await ports.enterprises.get(creditCode);
  if (!enterprise) throw new NotFoundError('enterprise');
  return disclosureOf(enterprise);
}

/** An examiner of the enterprise's registration authority orders its name corrected; one order at a time. */
export async function orderNameCorrection(
  ports: Pick<Ports, 'enterprises' | 'clock'>,
  caller: Caller,
  creditCode: string,
  reason: string,
) {
  const enterprise: EnterpriseRecord | undefined = await ports.enterprises.get(creditCode);
  if (!enterprise || !examinesFor(caller, enterprise.registrationAuthority))
    throw new NotFoundError('enterprise');
  const order = { orderedAt: ports.clock.now().toISOString(), by: caller.sub, reason };
  if (!(await ports.enterprises.orderNameCorrection(enterprise.creditCode, order)))
    throw new ConflictError('correction-pending', 'a name correction is already ordered and not yet made');
  return disclosureOf({ ...enterprise, nameCorrection: order });
}
