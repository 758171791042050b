/**
 * A registration (设立登记) as the registry keeps it: its status, its timeline, the decision and who made
 * it, and the application itself sealed (personal data) beside a masked summary for every view.
 */
import { identityHash, maskIdentity } from '../identity.ts';
import type { NameLockKey } from '../reservation.ts';
import type { MaterialCondition } from './catalogue.ts';
import type { RegistrationStatus, TimelineEntry } from './lifecycle.ts';
import type { Reason, RegistrationApplication } from './types.ts';

export interface DecisionRecord {
  outcome: 'approve' | 'review' | 'reject';
  by: 'rules' | 'examiner';
  rules?: Array<{ id: string; version: string }>;
  failedRules?: string[];
  examiner?: string;
  reason?: string;
  at: string;
}

export interface RegistrationRecord {
  id: string;
  channel: 'online' | 'bank';
  branchId?: string;
  bankIntakeId?: string;
  ownerSub: string;
  ownerIdHash?: string;
  reservationId: string;
  name: string;
  /** The registration authority: the reservation's division. */
  authority: string;
  authorityScope: string;
  /** The name's lock and its parsed parts, copied from the reservation at submission. */
  nameLock?: NameLockKey;
  tradeName?: string;
  industry?: string | null;
  entityType: string;
  /** Which conditional materials the application calls for (from the application, no personal data). */
  materialConditions?: MaterialCondition[];
  status: RegistrationStatus;
  timeline: TimelineEntry[];
  /** The application as submitted, sealed: only the tasks that judge it unseal it. */
  sealedApplication: string;
  /** The application with every identity number masked and hashed: what views show. */
  summary: Record<string, unknown>;
  materials: string[];
  reasons?: Reason[];
  decision?: DecisionRecord;
  creditCode?: string;
  /** The version of its e-license, once issued: the registration shows the license's URL from then on. */
  licenseVersion?: number;
  reviewRound: number;
  createdAt: string;
  updatedAt: string;
}

type Masked<T> = T extends { idNumber?: string }
  ? Omit<T, 'idNumber'> & { idNumberMasked?: string; idHash?: string }
  : T;

function maskPerson<T extends { idNumber?: string }>(p: T): Masked<T> {
  const { idNumber, ...rest } = p;
  return (
    idNumber ? { ...rest, idNumberMasked: maskIdentity(idNumber), idHash: identityHash(idNumber) } : rest
  ) as Masked<T>;
}

/** The application with identity numbers replaced by their masked form and hash. */
export function maskApplication(app: RegistrationApplication): Record<string, unknown> {
  return {
    ...app,
    legalRepresentative: maskPerson(app.legalRepresentative),
    investors: app.investors.map(maskPerson),
    directors: app.directors.map(maskPerson),
    supervisors: app.supervisors.map(maskPerson),
    ...(app.manager ? { manager: maskPerson(app.manager) } : {}),
    ...(app.financialOfficer ? { financialOfficer: maskPerson(app.financialOfficer) } : {}),
    ...(app.taxContact ? { taxContact: maskPerson(app.taxContact) } : {}),
  };
}
