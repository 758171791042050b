/**
 * Whether an enterprise may deregister by the simple procedure (市场主体登记管理条例 第三十三条; 实施细则
 * 第四十八条; 国市监注发〔2021〕45号). Every reason is given at once, so the applicant clears them all
 * before filing again rather than discovering them one refusal at a time.
 *
 * The registry lists are the main source; some facts also sit on the enterprise's record (a revoked
 * license, a listed company, a scope whose closing needs an approval). Either source gives the same
 * rule, once.
 */
import type { EnterpriseStatus } from '../enterprise.ts';
import { scopeItem } from '../registration/catalogue.ts';
import {
  type DeregistrationRules,
  loadDeregistrationRules,
  type Reason,
  type RegistryList,
  type RegistryListEntry,
  reasonOf,
} from './rules.ts';

/** What the registry's record says of the enterprise. */
export interface EnterpriseFacts {
  creditCode: string;
  status: EnterpriseStatus;
  entityType: string;
  /** Business-scope item codes (seeds/registration/business-scope.json). */
  businessScope: readonly string[];
  licenseRevoked?: boolean;
  orderedClosed?: boolean;
  registrationCancelled?: boolean;
  /** A listed joint stock company (上市股份有限公司). */
  listed?: boolean;
}

export interface EligibilityInput {
  enterprise: EnterpriseFacts;
  /** The registry list entries naming the enterprise. */
  entries: readonly RegistryListEntry[];
  /** The filing's commitment; a re-check that has none to judge leaves it out. */
  commitment?: { debtsSettled: boolean } | undefined;
}

export interface Eligibility {
  eligible: boolean;
  reasons: Reason[];
  /** The rules version judged by (seeds/deregistration/lists.json). */
  version: string;
}

/** Facts on the record that put the enterprise on a list as surely as an entry would, with what they say. */
function recordFacts(e: EnterpriseFacts, rules: DeregistrationRules): Map<RegistryList, string[]> {
  const facts = new Map<RegistryList, string[]>();
  const add = (list: RegistryList, detail: string) => facts.set(list, [...(facts.get(list) ?? []), detail]);
  if (e.licenseRevoked) add('license-revoked', '吊销营业执照');
  if (e.orderedClosed) add('license-revoked', '责令关闭');
  if (e.registrationCancelled) add('license-revoked', '撤销登记');
  if (e.listed) add('listed-company', '上市股份有限公司');
  if (rules.approvalEntityTypes.has(e.entityType)) add('approval-required', e.entityType);
  for (const code of e.businessScope)
    if (rules.approvalScopeItems.has(code))
      add('approval-required', `${code} ${scopeItem(code)?.name ?? ''}`.trim());
  return facts;
}

function statusReasons(e: EnterpriseFacts, rules: DeregistrationRules): Reason[] {
  if (e.status === 'deregistering') return [reasonOf(rules, 'already-deregistering')];
  if (e.status === 'deregistered') return [reasonOf(rules, 'already-deregistered')];
  return [];
}

/** Every reason the enterprise may not deregister by the simple procedure; eligible when there is none. */
export function eligibility(
  input: EligibilityInput,
  rules: DeregistrationRules = loadDeregistrationRules(),
): Eligibility {
  const { enterprise } = input;
  const facts = recordFacts(enterprise, rules);
  // The store asks by credit code; an entry naming another enterprise is never this one's reason.
  const entries = input.entries.filter((entry) => entry.creditCode === enterprise.creditCode);
  const reasons = statusReasons(enterprise, rules);
  if (input.commitment && !input.commitment.debtsSettled) reasons.push(reasonOf(rules, 'debts-not-settled'));
  for (const list of rules.lists) {
    const details = [
      ...(facts.get(list.id) ?? []),
      ...entries.filter((entry) => entry.list === list.id).map((entry) => entry.reason),
    ];
    const named = facts.has(list.id) || entries.some((entry) => entry.list === list.id);
    if (named) reasons.push(reasonOf(rules, list.id, { detail: details.filter(Boolean).join('；') }));
  }
  return { eligible: reasons.length === 0, reasons, version: rules.version };
}
