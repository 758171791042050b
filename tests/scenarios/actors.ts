/**
 * What people do in the scenarios, through the same use cases the API handlers call: an applicant reserves
 * a name, uploads materials, submits, supplements and withdraws; an examiner finds the open review and
 * decides it. Each helper takes the harness whose ports it acts on.
 */
import { createHash } from 'node:crypto';
import { requestMaterial } from '#app/materials/materials';
import { applyRules } from '#app/names/check-name';
import { reserveName } from '#app/names/reservations';
import { supplementRegistration, withdrawRegistration } from '#app/registration/applicant-actions';
import { decideReview, listReviews, type ReviewDecision } from '#app/registration/reviews';
import { submitRegistration } from '#app/registration/submit';
import { registrationExecutionName, reservationExecutionName } from '#contract/executions';
import type { Caller } from '#domain/caller';
import type { EntityType } from '#domain/entity-types';
import type { HumanTask } from '#domain/human-task';
import { materialObjectKey } from '#domain/material';
import { indexEntriesOf, memberOf } from '#domain/names/index-entries';
import { materialConditionsOf, missingMaterials } from '#domain/registration/catalogue';
import { humanTaskIds } from '#domain/registration/lifecycle';
import type { RegistrationRecord } from '#domain/registration/record';
import type { RegistrationApplication } from '#domain/registration/types';
import { application } from '../unit/registration/fixtures.ts';
import type { ScenarioHarness } from './harness.ts';

export const DIVISION = '440305';
export const applicant: Caller = { sub: 'scenario-applicant', role: 'applicant' };
export const stranger: Caller = { sub: 'scenario-stranger', role: 'applicant' };
export const examiner: Caller = { sub: 'examiner-1', role: 'examiner', authority: DIVISION };

/** Twenty characters with distinct toneless pinyin: three-character sets make unrelated trade names. */
const RARE = [...'甲乙丙丁戊己庚辛壬癸琅瑙珀璞翡翠棠楸榕槐'];
let names = 0;

/** A name no other in this worker is identical or similar to. */
export function uniqueName(): string {
  let k = names++;
  for (let a = 0; a < RARE.length; a++)
    for (let b = a + 1; b < RARE.length; b++)
      for (let c = b + 1; c < RARE.length; c++)
        if (k-- === 0) return `深圳市${RARE[a]}${RARE[b]}${RARE[c]}科技有限公司`;
  throw new RangeError('out of rare names');
}

/** A name containing the seeded 星河蓝海's trade name: reservable, `similar`, so the rules refer it to an examiner. */
export function similarName(): string {
  return `深圳市${uniqueName().slice(3, 6)}星河蓝海科技有限公司`;
}

export const reservationExecution = (reservationId: string, generation = 0) =>
  reservationExecutionName(reservationId, generation);
export const registrationExecution = registrationExecutionName;

export function reserve(
  h: ScenarioHarness,
  name = uniqueName(),
  options: { preApprovalRequired?: boolean; caller?: Caller; entityType?: EntityType } = {},
) {
  return reserveName(h.ports, options.caller ?? applicant, {
    name,
    division: DIVISION,
    entityType: options.entityType ?? 'limited_liability_company',
    preApprovalRequired: options.preApprovalRequired ?? false,
  });
}

/** The bytes of materials declared but not uploaded yet, for `deliver`. */
const undelivered = new Map<string, Buffer>();

/**
 * A material declared as the API declares it (`POST /v1/materials`), its bytes then placed in the
 * documents store as the presigned PUT would, unless `uploaded: false` (declared only: `deliver` later).
 */
export async function upload(
  h: ScenarioHarness,
  kind: string,
  options: { caller?: Caller; uploaded?: boolean } = {},
): Promise<string> {
  const bytes = Buffer.from(`${kind} ${h.ports.ids.newId(h.ports.clock.now())}`);
  const { record } = await requestMaterial(
    h.ports,
    {
      kind,
      fileName: `${kind}.pdf`,
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    options.caller ?? applicant,
  );
  undelivered.set(record.id, bytes);
  if (options.uploaded ?? true) deliver(h, record.id);
  return record.id;
}

/** The declared file of a material arrives in storage. */
export function deliver(h: ScenarioHarness, materialId: string): void {
  const bytes = undelivered.get(materialId);
  if (!bytes) throw new Error(`material ${materialId} was not declared here, or is delivered`);
  h.ports.documents.put(materialObjectKey(materialId), bytes, 'application/pdf');
  undelivered.delete(materialId);
}

/** The kinds the checklist requires of this application (its conditions included). */
export function requiredKinds(app: RegistrationApplication): string[] {
  return missingMaterials(app.entityType, [], materialConditionsOf(app));
}

export interface Submission {
  registration: RegistrationRecord;
  reservationId: string;
  materials: string[];
  executionName: string;
}

/**
 * Reserves `name` (unless `reservationId` is given), uploads the checklist's materials (or `materials`),
 * and submits online: what an applicant does from the name to the application.
 */
export async function submit(
  h: ScenarioHarness,
  options: {
    name?: string;
    reservationId?: string;
    entityType?: EntityType;
    changes?: Partial<RegistrationApplication>;
    materials?: string[];
    /** Kinds left out of the uploaded checklist. */
    without?: string[];
  } = {},
): Promise<Submission> {
  const reservationId =
    options.reservationId ??
    (await reserve(h, options.name, options.entityType ? { entityType: options.entityType } : {})).id;
  const app = application(options.entityType ?? 'limited_liability_company', options.changes);
  const kinds = requiredKinds(app).filter((k) => !options.without?.includes(k));
  const materials = options.materials ?? (await Promise.all(kinds.map((k) => upload(h, k))));
  const registration = await submitRegistration(
    h.ports,
    applicant,
    { ...app, reservationId, materials },
    { kind: 'online' },
  );
  return {
    registration,
    reservationId,
    materials,
    executionName: registrationExecutionName(registration.id),
  };
}

/** The timeline as `step:status` pairs, and the reasons' codes: what the assertions compare. */
export const timelineOf = (r: RegistrationRecord) => r.timeline.map((t) => `${t.step}:${t.status}`);
export const reasonCodes = (r: RegistrationRecord) => (r.reasons ?? []).map((x) => x.code);

export async function registrationOf(h: ScenarioHarness, id: string): Promise<RegistrationRecord> {
  const record = await h.ports.registrations.get(id);
  if (!record) throw new Error(`registration ${id} does not exist`);
  return record;
}

/** The registration once its status is one of `statuses`. */
export function statusOf(h: ScenarioHarness, id: string, ...statuses: string[]) {
  return h.until(
    async () => {
      const r = await registrationOf(h, id);
      return statuses.includes(r.status) ? r : undefined;
    },
    `registration ${id} to be ${statuses.join(' or ')}`,
  );
}

/** The registration's open review in the examiner's queue, once there is one (and `accept` takes it). */
export function reviewOf(
  h: ScenarioHarness,
  registrationId: string,
  accept: (t: HumanTask) => boolean = () => true,
): Promise<HumanTask> {
  return h.until(async () => {
    const page = await listReviews(h.ports, examiner, undefined, 100);
    return page.items.find((t) => t.registrationId === registrationId && accept(t));
  }, `an open review of ${registrationId}`);
}

/** The examiner decides the open review (the first one `accept` takes), as `POST /v1/reviews/{taskId}` does. */
export async function decide(
  h: ScenarioHarness,
  registrationId: string,
  decision: ReviewDecision,
  reason: string,
  accept?: (t: HumanTask) => boolean,
) {
  const task = await reviewOf(h, registrationId, accept);
  return decideReview(h.ports, examiner, task.taskId, decision, reason);
}

/** The open request for changes of the case's current round, once the workflow has opened it. */
export function supplementTaskOf(h: ScenarioHarness, registrationId: string): Promise<HumanTask> {
  return h.until(async () => {
    const r = await registrationOf(h, registrationId);
    if (r.status !== 'changes_requested') return undefined;
    for (const by of ['materials', 'examiner'] as const) {
      const task = await h.ports.humanTasks.get(humanTaskIds.supplement(r.id, r.reviewRound, by));
      if (task?.status === 'open') return task;
    }
    return undefined;
  }, `an open request for changes on ${registrationId}`);
}

/** The applicant supplements once changes are requested, as `POST /v1/registrations/{id}/materials` does. */
export async function supplement(h: ScenarioHarness, registrationId: string, added: string[]) {
  const task = await supplementTaskOf(h, registrationId);
  const record = await supplementRegistration(h.ports, applicant, registrationId, added);
  return { task, record };
}

export function withdraw(h: ScenarioHarness, registrationId: string) {
  return withdrawRegistration(h.ports, applicant, registrationId);
}

/** An enterprise of `name` registered elsewhere meanwhile: in the name index, as the seeding puts one there. */
export async function registeredMeanwhile(h: ScenarioHarness, name: string, creditCode: string) {
  const { key, parts } = applyRules(name, DIVISION);
  await h.ports.nameIndex.add(
    key.scope,
    memberOf(creditCode, name, parts, 'registered', { creditCode }),
    indexEntriesOf(parts),
  );
}
