/**
 * A bank-window intake (银政直通车): the clerk's record of the applicant (masked and hashed), the consent,
 * and the chain of custody of the materials, from the counter to the license handed over.
 */
import { identityHash, maskIdentity } from './identity.ts';

export interface CustodyEvent {
  event: 'materials-received' | 'submitted' | 'license-handed-over';
  by: string;
  at: string;
  materials?: { id: string; kind: string; sha256: string }[];
  registrationId?: string;
  /** Which version of the e-license was printed and handed over at the branch. */
  licenseVersion?: number;
}

export type BankIntakeStatus = 'received' | 'submitted' | 'handed_over';

export interface BankIntake {
  id: string;
  branchId: string;
  clerkSub: string;
  applicant: { name: string; idType: string; idNumberMasked: string; idHash: string; phoneMasked: string };
  consent: { given: true; at: string };
  registrationId?: string;
  status: BankIntakeStatus;
  custody: CustodyEvent[];
  createdAt: string;
}

export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** The applicant as the intake keeps them: never the identity number itself. */
export function intakeApplicant(a: { name: string; idType: string; idNumber: string; phone: string }) {
  return {
    name: a.name,
    idType: a.idType,
    idNumberMasked: maskIdentity(a.idNumber),
    idHash: identityHash(a.idNumber),
    phoneMasked: maskPhone(a.phone),
  };
}

/** What a clerk of the branch sees: the applicant without the hash. */
export function intakeView(i: BankIntake, registrationStatus?: string) {
  const { idHash: _h, ...applicant } = i.applicant;
  return {
    id: i.id,
    branchId: i.branchId,
    status: i.status,
    ...(i.registrationId ? { registrationId: i.registrationId } : {}),
    ...(registrationStatus ? { registrationStatus } : {}),
    applicant,
    custody: i.custody,
    createdAt: i.createdAt,
  };
}
