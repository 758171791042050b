/**
 * The completing half of the registration workflow: one credit code, then the enterprise with its event
 * in the outbox, the name lock handed over, the registration `registered` and its owner told, all in one
 * transaction. Each step is idempotent.
 */

import { registeredEnterprise } from '#domain/enterprise';
import type { EntityType } from '#domain/entity-types';
import { indexEntriesOf, memberOf } from '#domain/names/index-entries';
import { registeredNotice } from '#domain/notices';
import { issueCreditCode, loadCodeRanges, rangeFor } from '#domain/registration/credit-code-issuance';
import { move } from '#domain/registration/lifecycle';
import type { Ports } from '#ports/ports';
import { type CaseDecision, decisionRecord } from './checks.ts';
import { loadRegistration } from './load.ts';

type Deps = Pick<Ports, 'registrations' | 'creditCodes' | 'enterprises' | 'nameIndex' | 'clock'>;

/** Not an error a retry cures: the definition compensates. */
export class NoCreditCode extends Error {
  override name = 'NoCreditCode';
}

/**
 * The code, claimed with the registration's move: approved by the rules (the decision written now), or
 * approved before by an examiner. A repeated task finds the registration's code already there.
 */
export async function assignCreditCode(
  ports: Deps,
  registrationId: string,
  facts: { authority: string; entityType: EntityType },
  decision: Pick<CaseDecision, 'outcome' | 'rules' | 'failedRules' | 'at'> & { by?: string | undefined },
): Promise<{ creditCode: string }> {
  const range = rangeFor(facts.authority, loadCodeRanges().ranges);
  const sequence = await ports.creditCodes.nextSequence(range.id);
  const code = issueCreditCode({
    entityType: facts.entityType,
    authorityDivision: facts.authority,
    sequence,
  });
  const now = ports.clock.now();
  const byRules = decision.by === 'rules' && decision.outcome === 'approve';
  const step = { name: 'codeAssigned' as const, detail: code };
  const claimed = byRules
    ? await ports.creditCodes.claim(registrationId, code, now, move(now, 'approvedByRules', step), {
        decision: decisionRecord(decision),
      })
    : await ports.creditCodes.claim(registrationId, code, now, move(now, step));
  if (claimed) return { creditCode: code };
  // A repeated task: the registration has its code; this sequence value stays unused.
  const existing = (await loadRegistration(ports, registrationId)).creditCode;
  if (!existing) throw new NoCreditCode(`registration ${registrationId} can take no code in its state`);
  return { creditCode: existing };
}

export async function registerEnterprise(
  ports: Deps & Pick<Ports, 'metrics'>,
  registrationId: string,
  creditCode: string,
): Promise<{ creditCode: string; created: boolean }> {
  const record = await loadRegistration(ports, registrationId);
  if (record.creditCode !== creditCode)
    throw new NoCreditCode(`registration ${registrationId} has another code`);
  if (!record.nameLock || record.tradeName === undefined)
    throw new Error(`registration ${registrationId} has no name lock recorded`);
  const now = ports.clock.now();
  const { enterprise, event } = registeredEnterprise(
    {
      registrationId,
      creditCode,
      name: record.name,
      entityType: record.entityType as EntityType,
      authority: record.authority,
      businessScope: (record.summary.businessScope as string[] | undefined) ?? [],
      ownerSub: record.ownerSub,
      ownerIdHash: record.ownerIdHash,
      channel: record.channel,
    },
    now,
  );
  const outcome = await ports.enterprises.register({
    enterprise,
    event,
    lock: {
      key: record.nameLock,
      reservationId: record.reservationId,
      tradeName: record.tradeName,
      industry: record.industry ?? null,
    },
    registration: { id: registrationId, move: move(now, { name: 'registered', detail: creditCode }) },
    notice: registeredNotice(record, creditCode, now),
  });
  // The name now stands in the index as registered, under the enterprise's code: each entry in place.
  const parts = {
    region: null,
    regionDivision: null,
    tradeName: record.tradeName,
    industry: record.industry ?? null,
    industryClass: record.nameLock.industryClass,
    organizationForm: null,
  };
  const member = memberOf(creditCode, record.name, parts, 'registered', { creditCode });
  await ports.nameIndex.replace(record.authorityScope, record.reservationId, member, indexEntriesOf(parts));
  // Counted once: a task run again finds the enterprise there (`already`).
  if (outcome === 'created') ports.metrics.count('Registrations', { outcome: 'registered' });
  return { creditCode, created: outcome === 'created' };
}
