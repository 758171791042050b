/**
 * What a simple deregistration tells others: the departments' events (written to the enterprise's outbox
 * with the state change) and the owner's notices. No personal data: the commitment's signatories are
 * investors' names, which the announcement publishes anyway, and the events carry none of them.
 */
import type { OutboxEvent } from '../enterprise.ts';
import { cstDate, toCstIso } from '../legal-time.ts';
import type { Notice } from '../notices.ts';
import { recipientsOf } from '../registration/routing.ts';
import type { DeregistrationRecord } from './record.ts';

type Case = Pick<
  DeregistrationRecord,
  'id' | 'creditCode' | 'name' | 'entityType' | 'announcement' | 'ownerSub' | 'ownerIdHash'
>;

/** `enterprise.deregistering`: the announcement is open; departments may object until it ends. */
export function deregisteringEvent(c: Case, seq: number, at: Date): OutboxEvent {
  return {
    id: `${c.creditCode}-${seq}`,
    type: 'enterprise.deregistering',
    seq,
    creditCode: c.creditCode,
    occurredAt: at.toISOString(),
    // Routed by the entitlements' routes (push/recipients.ts), as the license events are.
    recipients: [],
    data: {
      creditCode: c.creditCode,
      name: c.name,
      deregistrationId: c.id,
      announcementStartsAt: toCstIso(new Date(c.announcement.publishedAt)),
      announcementEndsAt: toCstIso(new Date(c.announcement.endsAt)),
      objectionDeadline: toCstIso(new Date(c.announcement.endsAt)),
    },
  };
}

/** `enterprise.deregistered`: the enterprise is closed; tax, hrss (and commerce, if foreign-invested) are told. */
export function deregisteredEvent(c: Case, seq: number, at: Date): OutboxEvent {
  return {
    id: `${c.creditCode}-${seq}`,
    type: 'enterprise.deregistered',
    seq,
    creditCode: c.creditCode,
    occurredAt: at.toISOString(),
    recipients: recipientsOf({ type: 'enterprise.deregistered', entityType: c.entityType, scopeCodes: [] }),
    data: {
      creditCode: c.creditCode,
      name: c.name,
      deregisteredOn: cstDate(at),
      reason: 'simple_deregistration',
    },
  };
}

const ENDINGS = {
  rejected: [
    '简易注销申请未通过资格复核，企业状态恢复为存续。',
    'The simple deregistration did not pass the eligibility re-check; the enterprise stays active.',
  ],
  objected: [
    '简易注销公示期间收到异议，本次申请终止；异议消除后可重新申请。',
    'An objection was raised during the announcement; this filing ends, and the enterprise may file again once it is resolved.',
  ],
  awaiting_confirmation: [
    '简易注销公示期已届满且无异议，请在期限内申请注销登记。',
    'The announcement passed with no objection: apply to deregister before the deadline.',
  ],
  lapsed: [
    '公示期满后未在期限内申请注销登记，本次简易注销已失效，企业状态恢复为存续。',
    'No application to deregister came in time after the announcement: the filing lapsed and the enterprise stays active.',
  ],
  deregistered: [
    '企业已完成简易注销，营业执照已作废。',
    'The enterprise is deregistered and its license revoked.',
  ],
} as const;

/** The owner is told how their case ended, or what they must do next; once per case and kind. */
export function deregistrationNotice(c: Case, kind: keyof typeof ENDINGS, at: Date): Notice {
  const [message, messageEn] = ENDINGS[kind];
  return {
    id: `deregistration.${kind}:${c.id}`,
    kind: `deregistration.${kind}`,
    subject: { type: 'deregistration', id: c.id },
    message: `“${c.name}”：${message}`,
    messageEn: `"${c.name}": ${messageEn}`,
    at: at.toISOString(),
    ownerSub: c.ownerSub,
    ...(c.ownerIdHash ? { ownerIdHash: c.ownerIdHash } : {}),
  };
}
