/**
 * What an issuance or a revocation tells: the outbox events (`license.issued`, `license.revoked`) and the
 * applicant's notice. Events carry the license's coordinates, never the credential or personal data.
 */
import type { OutboxEvent } from '../enterprise.ts';
import { type Division, NATIONAL_AUTHORITY } from '../names/divisions.ts';
import type { Notice } from '../notices.ts';

/** A notice about a license: the shape of every notice, with its own kind. */
export type LicenseNotice = Omit<Notice, 'kind' | 'subject'> & {
  kind: 'license.issued';
  subject: { type: 'registration'; id: string };
};

export interface LicenseEventFacts {
  creditCode: string;
  version: number;
  statusListId: string;
  statusIndex: number;
  /** The enterprise's event sequence this event takes. */
  seq: number;
  at: Date;
}

/**
 * Recipients are empty here: the routing seeds name enterprise events only, and which departments take
 * license events is the cross-department push's decision (the outbox keeps the events until it routes them).
 */
export function licenseIssuedEvent(f: LicenseEventFacts & { reason: string; kid: string }): OutboxEvent {
  return licenseEvent('license.issued', f, { kid: f.kid, reason: f.reason });
}

export function licenseRevokedEvent(f: LicenseEventFacts & { reason: string }): OutboxEvent {
  return licenseEvent('license.revoked', f, { reason: f.reason });
}

/** A license event in the enterprise's outbox: its version and status slot, and what the type adds. */
function licenseEvent(type: string, f: LicenseEventFacts, more: Record<string, unknown>): OutboxEvent {
  return {
    id: `${f.creditCode}-${f.seq}`,
    type,
    seq: f.seq,
    creditCode: f.creditCode,
    occurredAt: f.at.toISOString(),
    recipients: [],
    data: {
      creditCode: f.creditCode,
      licenseVersion: f.version,
      statusListId: f.statusListId,
      statusListIndex: f.statusIndex,
      ...more,
    },
  };
}

/** The applicant is told where the license is: once per version. */
export function licenseIssuedNotice(
  to: { registrationId: string; name: string; ownerSub: string; ownerIdHash?: string | undefined },
  license: { creditCode: string; version: number; url: string },
  at: Date,
): LicenseNotice {
  const again = license.version > 1 ? `（第${license.version}版，原执照已作废）` : '';
  return {
    id: `license.issued:${license.creditCode}:${license.version}`,
    kind: 'license.issued',
    subject: { type: 'registration', id: to.registrationId },
    message: `“${to.name}”的电子营业执照已签发${again}，可在 ${license.url} 查看、下载和核验。`,
    messageEn: `The e-license of "${to.name}" is issued${license.version > 1 ? ` (version ${license.version}; the previous one is revoked)` : ''}: view, download and verify it at ${license.url}.`,
    at: at.toISOString(),
    ownerSub: to.ownerSub,
    ...(to.ownerIdHash ? { ownerIdHash: to.ownerIdHash } : {}),
  };
}

/**
 * The registration authority's name as a license prints it (登记机关): the market regulation bureau of
 * the division, named with its prefecture or municipality (深圳市南山区市场监督管理局).
 */
export function authorityName(code: string, lookup: (code: string) => Division | undefined): string {
  if (code === NATIONAL_AUTHORITY) return '国家市场监督管理总局';
  const division = lookup(code);
  if (!division) return `${code}市场监督管理局`;
  const parent = division.level === 'county' && division.parent ? lookup(division.parent) : undefined;
  const prefix = parent && !division.name.startsWith(parent.name) ? parent.name : '';
  return `${prefix}${division.name}市场监督管理局`;
}
