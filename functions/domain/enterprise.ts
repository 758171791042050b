/**
 * An enterprise as the registry keeps it, and the events its changes cause (the transactional outbox):
 * built here from an approved registration, written by the store in one transaction with it.
 */
import type { EntityType } from './entity-types.ts';
import { cstDate } from './legal-time.ts';
import { recipientsOf } from './registration/routing.ts';

export type EnterpriseStatus = 'active' | 'deregistering' | 'deregistered';

export interface EnterpriseRecord {
  creditCode: string;
  name: string;
  entityType: string;
  status: EnterpriseStatus;
  establishedOn: string;
  registrationAuthority: string;
  registrationId: string;
  ownerSub: string;
  ownerIdHash?: string;
  /** How its registration was filed: at a bank counter, the applicant alone owns it (domain/caller.ts). */
  channel?: 'online' | 'bank';
  /** Sequence of this enterprise's last event (the outbox orders events per enterprise). */
  eventSeq: number;
  /** An authority's order to correct the name; until `correctedAt`, the enterprise is shown by its code. */
  nameCorrection?: NameCorrection;
}

export interface NameCorrection {
  orderedAt: string;
  by: string;
  reason: string;
  correctedAt?: string;
  /** Once corrected: the name it replaced, and the reservation the owner filed (domain/name-change.ts). */
  formerName?: string;
  reservationId?: string;
}

export interface OutboxEvent {
  id: string;
  type: string;
  seq: number;
  creditCode: string;
  occurredAt: string;
  recipients: string[];
  data: Record<string, unknown>;
}

/** What an approved registration hands to its enterprise: no personal data beyond the owner's references. */
export interface RegistrationFacts {
  registrationId: string;
  creditCode: string;
  name: string;
  entityType: EntityType;
  authority: string;
  businessScope: readonly string[];
  ownerSub: string;
  ownerIdHash?: string | undefined;
  channel: 'online' | 'bank';
}

/** The enterprise an approved registration makes, and its first event, `enterprise.registered`. */
export function registeredEnterprise(
  facts: RegistrationFacts,
  at: Date,
): { enterprise: EnterpriseRecord; event: OutboxEvent } {
  const establishedOn = cstDate(at);
  const enterprise: EnterpriseRecord = {
    creditCode: facts.creditCode,
    name: facts.name,
    entityType: facts.entityType,
    status: 'active',
    establishedOn,
    registrationAuthority: facts.authority,
    registrationId: facts.registrationId,
    ownerSub: facts.ownerSub,
    ...(facts.ownerIdHash ? { ownerIdHash: facts.ownerIdHash } : {}),
    channel: facts.channel,
    eventSeq: 1,
  };
  const scopeCodes = [...facts.businessScope];
  const event: OutboxEvent = {
    id: `${facts.creditCode}-1`,
    type: 'enterprise.registered',
    seq: 1,
    creditCode: facts.creditCode,
    occurredAt: at.toISOString(),
    recipients: recipientsOf({ type: 'enterprise.registered', entityType: facts.entityType, scopeCodes }),
    data: {
      creditCode: facts.creditCode,
      name: facts.name,
      entityType: facts.entityType,
      registrationAuthority: facts.authority,
      establishedOn,
      businessScope: scopeCodes,
    },
  };
  return { enterprise, event };
}

/** The public disclosure (公示): while a name awaits correction, the enterprise is shown by its code. */
export function disclosureOf(e: EnterpriseRecord) {
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
