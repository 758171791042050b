/**
 * Enterprises as the public sees them (公示), and the authority's order to correct a registered name:
 * until the name is corrected, the enterprise is shown by its credit code (企业名称登记管理规定 第二十三条).
 */
import type { Caller } from '#domain/caller';
import { disclosureOf, type EnterpriseRecord } from '#domain/enterprise';
import { ConflictError, NotFoundError } from '#domain/errors';
import { indexEntriesOf, memberOf } from '#domain/names/index-entries';
import { nameCorrectionOrderedNotice } from '#domain/notices';
import { examinesFor } from '#domain/registration/access';
import type { Ports } from '#ports/ports';
import { applyRules } from '../names/check-name.ts';

export async function disclose(ports: Pick<Ports, 'enterprises'>, creditCode: string) {
  const enterprise = await ports.enterprises.get(creditCode);
  if (!enterprise) throw new NotFoundError('enterprise');
  return disclosureOf(enterprise);
}

/**
 * An examiner of the enterprise's registration authority orders its name corrected; one order at a time.
 * The owner is told in the same write.
 */
export async function orderNameCorrection(
  ports: Pick<Ports, 'enterprises' | 'nameIndex' | 'clock'>,
  caller: Caller,
  creditCode: string,
  reason: string,
) {
  const enterprise: EnterpriseRecord | undefined = await ports.enterprises.get(creditCode);
  if (!enterprise || !examinesFor(caller, enterprise.registrationAuthority))
    throw new NotFoundError('enterprise');
  const order = { orderedAt: ports.clock.now().toISOString(), by: caller.sub, reason };
  const notice = nameCorrectionOrderedNotice(enterprise, order);
  if (!(await ports.enterprises.orderNameCorrection(enterprise.creditCode, order, notice)))
    throw new ConflictError('correction-pending', 'a name correction is already ordered and not yet made');
  await showByCode(ports, enterprise);
  return disclosureOf({ ...enterprise, nameCorrection: order });
}

/**
 * The public search shows the enterprise as the disclosure does, by its credit code, until the name is
 * corrected: its index entries (found under its name's parts) name it by its code. The name lock keeps
 * the name held meanwhile.
 */
async function showByCode(ports: Pick<Ports, 'nameIndex'>, enterprise: EnterpriseRecord): Promise<void> {
  const rules = applyRules(enterprise.name, enterprise.registrationAuthority);
  const member = memberOf(enterprise.creditCode, enterprise.creditCode, rules.parts, 'registered', {
    creditCode: enterprise.creditCode,
  });
  await ports.nameIndex.replace(rules.scope, enterprise.creditCode, member, indexEntriesOf(rules.parts));
}
