/**
 * Cases for the application layer's tests, built through the use cases themselves on the in-memory
 * ports: a reserved name, uploaded materials, a submitted registration, a case waiting for an examiner.
 */
import { createHash } from 'node:crypto';
import { memoryPorts } from '#adapters/memory/ports';
import { requestMaterial } from '#app/materials/materials';
import { reserveName } from '#app/names/reservations';
import { checkApplication, decide } from '#app/registration/checks';
import { openReview } from '#app/registration/human-steps';
import { submitRegistration } from '#app/registration/submit';
import type { Caller } from '#domain/caller';
import type { EntityType } from '#domain/entity-types';
import { checklistFor } from '#domain/registration/catalogue';
import type { RegistrationApplication } from '#domain/registration/types';
import { application, P } from '../registration/fixtures.ts';

/** The day the fixtures' applications are established on (2026-03-16 in Beijing). */
export const T0 = new Date('2026-03-16T02:00:00.000Z');
export const DAY = 86_400_000;

export const NAME = '深圳市青云科技有限公司';
export const DIVISION = '440305';

export const alice: Caller = { sub: 'alice', role: 'applicant', idHash: 'a'.repeat(64) };
export const bob: Caller = { sub: 'bob', role: 'applicant' };
export const clerk: Caller = { sub: 'clerk-1', role: 'bank_clerk', branchId: 'B-1' };
export const examiner: Caller = { sub: 'examiner-1', role: 'examiner', authority: '440300' };

/** A valid holder at the counter (a made-up number with a valid check digit). */
export const HOLDER = { name: P.wang.name, idNumber: P.wang.idNumber };

export const freshPorts = () => memoryPorts({ now: T0 });
export type TestPorts = ReturnType<typeof freshPorts>;

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export function reserve(ports: TestPorts, caller: Caller = alice, name = NAME) {
  return reserveName(ports, caller, {
    name,
    division: DIVISION,
    entityType: 'limited_liability_company',
    preApprovalRequired: false,
    ...(caller.role === 'bank_clerk' ? { holder: HOLDER } : {}),
  });
}

/** A material requested by `owner` and its object uploaded as declared; its id. */
export async function upload(ports: TestPorts, owner: Caller, kind: string, content = `%PDF-1.7 ${kind}`) {
  const { record } = await requestMaterial(
    ports,
    {
      kind,
      fileName: `${kind}.pdf`,
      contentType: 'application/pdf',
      size: Buffer.byteLength(content),
      sha256: sha256(content),
    },
    owner,
  );
  ports.documents.put(`materials/${record.id}`, content, 'application/pdf');
  return record.id;
}

/** Every required material of the entity type, uploaded by `owner`. */
export async function requiredMaterials(
  ports: TestPorts,
  owner: Caller,
  entityType: EntityType = 'limited_liability_company',
) {
  const ids: string[] = [];
  for (const item of checklistFor(entityType).filter((i) => i.required))
    ids.push(await upload(ports, owner, item.kind));
  return ids;
}

/** A registration submitted online by `caller` on a name it reserved, with every material uploaded. */
export async function submitted(
  ports: TestPorts,
  caller: Caller = alice,
  changes: Partial<RegistrationApplication> = {},
  name = NAME,
) {
  const reservation = await reserve(ports, caller, name);
  const materials = await requiredMaterials(ports, caller);
  const app = application('limited_liability_company', {
    reservationId: reservation.id,
    materials,
    ...changes,
  });
  const registration = await submitRegistration(ports, caller, app, { kind: 'online' });
  return { reservation, registration, materials, app };
}

/** A submitted case checked and consumed (status `checking`), with what the check handed on. */
export async function checked(ports: TestPorts, caller: Caller = alice) {
  const c = await submitted(ports, caller);
  const check = await checkApplication(ports, c.registration.id);
  if (!check.assessment) throw new Error('the fixture case did not pass its checks');
  return { ...c, check, assessment: check.assessment };
}

export const REVIEW_TOKEN = 'token-review-0';

/** A case the rules referred to an examiner, its review task open with REVIEW_TOKEN. */
export async function inReview(ports: TestPorts, caller: Caller = alice) {
  const c = await checked(ports, caller);
  const referred = { ...c.assessment, failedRules: ['entity-type-standard'] };
  const decision = await decide(ports, c.registration.id, c.check.facts, referred);
  if (decision.outcome !== 'review') throw new Error(`the fixture case was ${decision.outcome}`);
  await openReview(ports, c.registration.id, REVIEW_TOKEN);
  return { ...c, decision };
}
