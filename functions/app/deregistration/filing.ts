/**
 * Filing a simple deregistration (简易注销): the owner (or an investor by verified identity) files with
 * the commitment every investor signed. Every reason it cannot proceed is answered at once (422): the
 * registry's lists, the enterprise's record, the commitment's missing or unknown signatories. Admitted,
 * the case and the enterprise `deregistering` are written together (a second filing conflicts), the
 * announcement window and the confirmation deadline fixed as absolute times, and the workflow started.
 */

import { deregistrationExecutionName } from '#contract/executions';
import { DEREGISTRATION_WORKFLOW } from '#contract/workflows';
import type { Caller } from '#domain/caller';
import {
  announcementWindow,
  commitmentText,
  confirmationDeadline,
} from '#domain/deregistration/announcement';
import {
  commitmentReasons,
  type InvestorOnRecord,
  matchSignatories,
  mayFile,
  signatoriesOf,
} from '#domain/deregistration/commitment';
import { eligibility } from '#domain/deregistration/eligibility';
import type { DeregistrationRecord } from '#domain/deregistration/record';
import type { EnterpriseRecord } from '#domain/enterprise';
import { ConflictError, NotFoundError, RuleViolation } from '#domain/errors';
import { cstDate } from '#domain/legal-time';
import { timelineEntry } from '#domain/registration/lifecycle';
import type { Ports } from '#ports/ports';

type Deps = Pick<
  Ports,
  | 'enterprises'
  | 'registrations'
  | 'registryLists'
  | 'deregistrations'
  | 'workflows'
  | 'clock'
  | 'ids'
  | 'settings'
>;

export interface Filing {
  creditCode: string;
  commitment: { debtsSettled: boolean; signatories: string[] };
  autoConfirm?: boolean | undefined;
}

/** What the registry holds of the enterprise beyond its record: the investors and the scope, from its registration. */
export async function enterpriseFacts(ports: Pick<Deps, 'registrations'>, enterprise: EnterpriseRecord) {
  const registration = await ports.registrations.get(enterprise.registrationId);
  const summary = (registration?.summary ?? {}) as {
    investors?: Array<{ name?: string; idHash?: string; kind?: string }>;
    legalRepresentative?: { name?: string; idHash?: string };
    businessScope?: string[];
  };
  // An individual business has no investors: its operator (the legal representative) commits alone.
  const signers =
    summary.investors?.length || !summary.legalRepresentative
      ? (summary.investors ?? [])
      : [{ ...summary.legalRepresentative, kind: 'natural_person' }];
  const investors: InvestorOnRecord[] = signers.map((i) => ({
    name: String(i.name ?? ''),
    kind: (i.kind ?? 'natural_person') as InvestorOnRecord['kind'],
    ...(i.idHash ? { idHash: i.idHash } : {}),
  }));
  return { investors, businessScope: summary.businessScope ?? [] };
}

export const periodsOf = (settings: Ports['settings']) => ({
  announcement: settings.announcementPeriod,
  individualObjection: settings.individualObjectionPeriod,
  confirmation: settings.confirmationPeriod,
});

export async function fileDeregistration(
  ports: Deps,
  caller: Caller,
  filing: Filing,
  requestKey?: string,
): Promise<DeregistrationRecord> {
  const enterprise = await ports.enterprises.get(filing.creditCode);
  if (!enterprise) throw new NotFoundError('enterprise');
  const [facts, entries] = await Promise.all([
    enterpriseFacts(ports, enterprise),
    ports.registryLists.entriesFor(enterprise.creditCode),
  ]);
  // Anyone else learns nothing, not even that the enterprise has an owner here (404, as for a stranger).
  if (!mayFile(caller, enterprise, facts.investors)) throw new NotFoundError('enterprise');
  if (enterprise.status !== 'active')
    throw new ConflictError(
      'enterprise-not-active',
      `the enterprise is ${enterprise.status}: a deregistration is already under way or done`,
    );
  const verdict = eligibility({
    enterprise: { ...enterprise, businessScope: facts.businessScope },
    entries,
    commitment: { debtsSettled: filing.commitment.debtsSettled },
  });
  const match = matchSignatories(
    facts.investors,
    signatoriesOf(filing.commitment.signatories, facts.investors, caller.idHash),
  );
  const reasons = [...verdict.reasons, ...commitmentReasons(match)];
  if (reasons.length)
    throw new RuleViolation(
      'deregistration-ineligible',
      `the enterprise cannot be deregistered by commitment: ${reasons.map((r) => r.rule).join(', ')}`,
      { reasons, rulesVersion: verdict.version },
    );

  const now = ports.clock.now();
  const window = announcementWindow(now, enterprise.entityType, periodsOf(ports.settings));
  const record: DeregistrationRecord = {
    id: requestKey ? ports.ids.fromKey(requestKey) : ports.ids.newId(now),
    creditCode: enterprise.creditCode,
    name: enterprise.name,
    entityType: enterprise.entityType,
    authority: enterprise.registrationAuthority,
    ownerSub: enterprise.ownerSub,
    ...(enterprise.ownerIdHash ? { ownerIdHash: enterprise.ownerIdHash } : {}),
    filedBy: caller.sub,
    status: 'checking',
    timeline: [timelineEntry('filing', 'received', now)],
    commitment: {
      debtsSettled: filing.commitment.debtsSettled,
      signatories: filing.commitment.signatories,
      text: commitmentText(enterprise, filing.commitment),
    },
    autoConfirm: filing.autoConfirm ?? true,
    announcement: {
      kind: window.kind,
      publishedAt: window.publishedAt.toISOString(),
      endsAt: window.endsAt.toISOString(),
      lastDay: cstDate(new Date(window.endsAt.getTime() - 1)),
    },
    confirmationDeadline: confirmationDeadline(
      window.endsAt,
      ports.settings.confirmationPeriod,
    ).toISOString(),
    objections: [],
    rulesVersion: verdict.version,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  if ((await ports.deregistrations.create(record)) === 'conflict') {
    const earlier = requestKey ? await ports.deregistrations.get(record.id) : undefined;
    if (!earlier)
      throw new ConflictError(
        'enterprise-not-active',
        'another deregistration of the enterprise is under way',
      );
    // The same request again after its first attempt died between its write and its answer.
    await startWorkflow(ports, earlier.id);
    return earlier;
  }
  await startWorkflow(ports, record.id);
  return record;
}

function startWorkflow(ports: Pick<Deps, 'workflows'>, deregistrationId: string) {
  return ports.workflows.start(DEREGISTRATION_WORKFLOW.name, deregistrationExecutionName(deregistrationId), {
    deregistrationId,
  });
}
