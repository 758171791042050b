/**
 * The bank window (银政直通车): a clerk takes the applicant's identity, consent and materials at the counter
 * and submits the registration on the registry's behalf; the license can be handed over at the branch.
 * A clerk sees only their own branch's intakes: any other is 404.
 */

import { type BankIntake, DynamoBankIntakeStore } from '#adapters/dynamo-bank-intakes';
import { DynamoMaterialStore } from '#adapters/dynamo-materials';
import { newId } from '#adapters/ids';
import { logger } from '#adapters/logger';
import type { Caller } from '#domain/caller';
import { ConflictError, ForbiddenError, NotFoundError } from '#domain/errors';
import { identityHash, maskIdentity } from '#domain/identity';
import { httpRoute, json } from '#http/route';
import { systemClock } from '#ports/clock';
import { ROUTE } from '#shared/routes';
import { submissionDeps, submitRegistration } from './registration-submission.ts';

let stores: { intakes: DynamoBankIntakeStore; materials: DynamoMaterialStore } | undefined;
const get = () => (stores ??= { intakes: new DynamoBankIntakeStore(), materials: new DynamoMaterialStore() });

function branchOf(caller: Caller): string {
  if (!caller.branchId) throw new ForbiddenError('a bank_clerk token is bound to a branch');
  return caller.branchId;
}

const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

function view(i: BankIntake, registrationStatus?: string) {
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

async function ownBranchIntake(caller: Caller, id: string): Promise<BankIntake> {
  const intake = await get().intakes.get(id);
  if (!intake || intake.branchId !== branchOf(caller)) throw new NotFoundError('bank intake');
  return intake;
}

export const create = httpRoute(ROUTE.CreateBankIntake, async ({ body, caller }) => {
  const branchId = branchOf(caller);
  const { intakes, materials } = get();
  const now = systemClock.now();
  const id = newId(now.getTime());
  const taken = await materials.getMany(body.registration.materials);
  const intake: BankIntake = {
    id,
    branchId,
    clerkSub: caller.sub,
    applicant: {
      name: body.applicant.name,
      idType: body.applicant.idType,
      idNumberMasked: maskIdentity(body.applicant.idNumber),
      idHash: identityHash(body.applicant.idNumber),
      phoneMasked: maskPhone(body.applicant.phone),
    },
    consent: { given: true, at: now.toISOString() },
    status: 'received',
    custody: [
      {
        event: 'materials-received',
        by: caller.sub,
        at: now.toISOString(),
        materials: body.registration.materials.map((m) => ({
          id: m,
          kind: taken.get(m)?.kind ?? 'unknown',
          sha256: taken.get(m)?.sha256 ?? 'unknown',
        })),
      },
    ],
    createdAt: now.toISOString(),
  };
  await intakes.create(intake);
  const registration = await submitRegistration(caller, body.registration, {
    kind: 'bank',
    branchId,
    bankIntakeId: id,
    applicantIdHash: intake.applicant.idHash,
  });
  const submitted = {
    event: 'submitted' as const,
    by: caller.sub,
    at: systemClock.now().toISOString(),
    registrationId: registration.id,
  };
  if (!(await intakes.record(id, 'received', 'submitted', submitted, { registrationId: registration.id }))) {
    logger.error('bank intake could not record its submission', {
      intake: id,
      registration: registration.id,
    });
  }
  return json(
    202,
    { id, registrationId: registration.id, status: registration.status },
    { location: `/v1/bank-intakes/${id}` },
  );
});

export const list = httpRoute(ROUTE.ListBankIntakes, async ({ caller, query }) => {
  const page = await get().intakes.listForBranch(branchOf(caller), query.cursor, query.limit);
  return json(200, { items: page.items.map((i) => view(i)), nextCursor: page.nextCursor });
});

export const getOne = httpRoute(ROUTE.GetBankIntake, async ({ caller, params }) => {
  const intake = await ownBranchIntake(caller, params.id);
  const registration = intake.registrationId
    ? await submissionDeps().registrations.get(intake.registrationId)
    : undefined;
  return json(200, view(intake, registration?.status));
});

export const handover = httpRoute(ROUTE.HandOverLicense, async ({ caller, params }) => {
  const intake = await ownBranchIntake(caller, params.id);
  const registration = intake.registrationId
    ? await submissionDeps().registrations.get(intake.registrationId)
    : undefined;
  if (registration?.status !== 'registered') {
    throw new ConflictError(
      'not-registered',
      `the registration is ${registration?.status ?? 'not submitted'}; a license is handed over once it is registered`,
    );
  }
  const event = {
    event: 'license-handed-over' as const,
    by: caller.sub,
    at: systemClock.now().toISOString(),
    registrationId: registration.id,
  };
  if (!(await get().intakes.record(intake.id, 'submitted', 'handed_over', event))) {
    throw new ConflictError('already-handed-over', 'the license was already handed over');
  }
  return json(
    200,
    view({ ...intake, status: 'handed_over', custody: [...intake.custody, event] }, registration.status),
  );
});
