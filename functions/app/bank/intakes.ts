/**
 * The bank window (银政直通车): a clerk takes the applicant's identity, consent and materials at the
 * counter and submits the registration on the registry's behalf; the license can be handed over at the
 * branch. A clerk sees only their own branch's intakes: any other is 404. The clerk files as the
 * applicant's agent, so the agent's authorization is among the materials, or nothing is taken (422).
 */

import { logger } from '#adapters/logger';
import { registrationExecutionName } from '#contract/executions';
import { REGISTRATION_WORKFLOW } from '#contract/workflows';
import { type BankIntake, intakeApplicant } from '#domain/bank-intake';
import type { Caller } from '#domain/caller';
import { ConflictError, ForbiddenError, NotFoundError } from '#domain/errors';
import { belongsTo } from '#domain/material';
import { checkAgentFiling } from '#domain/registration/filing';
import { type Reason, type RegistrationApplication, reason } from '#domain/registration/types';
import type { Ports } from '#ports/ports';
import { admitRegistration, type Channel, recordRegistration } from '../registration/submit.ts';

export interface IntakeRequest {
  applicant: { name: string; idType: string; idNumber: string; phone: string; consent: true };
  registration: RegistrationApplication;
}

type Deps = Pick<
  Ports,
  'bankIntakes' | 'materials' | 'registrations' | 'workflows' | 'sealer' | 'clock' | 'ids'
>;

export function branchOf(caller: Caller): string {
  if (!caller.branchId) throw new ForbiddenError('a bank_clerk token is bound to a branch');
  return caller.branchId;
}

/**
 * Takes the intake and submits its registration. With `requestKey` (the request's idempotency scope) the
 * intake's id is derived from it: a retry after a crash finds the intake and case the first attempt made.
 */
export async function takeIntake(ports: Deps, caller: Caller, request: IntakeRequest, requestKey?: string) {
  const branchId = branchOf(caller);
  const now = ports.clock.now();
  const id = requestKey ? ports.ids.fromKey(requestKey) : ports.ids.newId(now);
  const earlier = requestKey ? await resumeIntake(ports, caller, id, requestKey) : undefined;
  if (earlier?.registration) return { intake: earlier.intake, registration: earlier.registration };
  const applicant = intakeApplicant(request.applicant);
  const app = request.registration;
  // Only what this branch took at its counter: another branch's material reads as missing, its kind and
  // hash never copied into this intake's chain of custody.
  const all = await ports.materials.getMany(app.materials);
  const taken = new Map([...all].filter(([, m]) => belongsTo(m, { sub: caller.sub, branchId })));
  const declared = [...taken.values()];
  const foreign = app.materials.flatMap((id, i) => (taken.has(id) ? [] : [notAtThisBranch(i)]));
  const channel: Channel = { kind: 'bank', branchId, bankIntakeId: id, applicantIdHash: applicant.idHash };
  // Every answer before anything is written: the reservation, the application's rules, the agent's papers.
  const admission = await admitRegistration(ports, caller, app, channel, [
    ...checkAgentFiling(app.entityType, declared),
    ...foreign,
  ]);
  const intake: BankIntake = {
    id,
    branchId,
    clerkSub: caller.sub,
    applicant,
    consent: { given: true, at: now.toISOString() },
    status: 'received',
    custody: [
      {
        event: 'materials-received',
        by: caller.sub,
        at: now.toISOString(),
        materials: app.materials.map((m) => ({
          id: m,
          kind: taken.get(m)?.kind ?? 'unknown',
          sha256: taken.get(m)?.sha256 ?? 'unknown',
        })),
      },
    ],
    createdAt: now.toISOString(),
  };
  // A first attempt that died after the intake and before its case leaves the intake: it is kept.
  if (!earlier) await ports.bankIntakes.create(intake);
  const registration = await recordRegistration(
    ports,
    caller,
    app,
    channel,
    admission,
    requestKey && `${requestKey}#registration`,
  );
  const submitted = {
    event: 'submitted' as const,
    by: caller.sub,
    at: ports.clock.now().toISOString(),
    registrationId: registration.id,
  };
  if (
    !(await ports.bankIntakes.record(id, 'received', 'submitted', submitted, {
      registrationId: registration.id,
    }))
  )
    logger.error('bank intake could not record its submission', {
      intake: id,
      registration: registration.id,
    });
  return { intake, registration };
}

/** One intake of the clerk's own branch, with its registration's status. */
export async function branchIntake(
  ports: Pick<Ports, 'bankIntakes' | 'registrations'>,
  caller: Caller,
  id: string,
) {
  const intake = await ports.bankIntakes.get(id);
  if (!intake || intake.branchId !== branchOf(caller)) throw new NotFoundError('bank intake');
  const registration = intake.registrationId
    ? await ports.registrations.get(intake.registrationId)
    : undefined;
  return { intake, registration };
}

export function listBranchIntakes(
  ports: Pick<Ports, 'bankIntakes'>,
  caller: Caller,
  cursor: string | undefined,
  limit: number,
) {
  return ports.bankIntakes.listForBranch(branchOf(caller), cursor, limit);
}

/** The license handed to the applicant at the branch: once, and only once the case is registered. */
/** The license printed at the branch and handed over: its version is recorded in the chain of custody. */
export async function handOver(
  ports: Pick<Ports, 'bankIntakes' | 'registrations' | 'licenses' | 'clock'>,
  caller: Caller,
  id: string,
) {
  const { intake, registration } = await branchIntake(ports, caller, id);
  if (registration?.status !== 'registered') {
    throw new ConflictError(
      'not-registered',
      `the registration is ${registration?.status ?? 'not submitted'}; a license is handed over once it is registered`,
    );
  }
  const license = registration.creditCode ? await ports.licenses.current(registration.creditCode) : undefined;
  if (license?.status !== 'active')
    throw new ConflictError(
      'no-license',
      'the license is not issued yet (or was revoked); try again shortly',
    );
  const event = {
    event: 'license-handed-over' as const,
    by: caller.sub,
    at: ports.clock.now().toISOString(),
    registrationId: registration.id,
    licenseVersion: license.version,
  };
  if (!(await ports.bankIntakes.record(intake.id, 'submitted', 'handed_over', event)))
    throw new ConflictError('already-handed-over', 'the license was already handed over');
  return {
    intake: { ...intake, status: 'handed_over' as const, custody: [...intake.custody, event] },
    registration,
  };
}

/** The intake a first attempt with this key made, with its case (submitted now if the crash came first). */
async function resumeIntake(ports: Deps, caller: Caller, id: string, requestKey: string) {
  const intake = await ports.bankIntakes.get(id);
  if (!intake || intake.branchId !== caller.branchId) return undefined;
  const registration = await ports.registrations.get(ports.ids.fromKey(`${requestKey}#registration`));
  if (!registration) return { intake };
  await ports.workflows.start(REGISTRATION_WORKFLOW.name, registrationExecutionName(registration.id), {
    registrationId: registration.id,
  });
  return { intake, registration };
}

function notAtThisBranch(i: number): Reason {
  return reason(
    'material-not-found',
    'block',
    `materials.${i}`,
    '该材料不存在，或不是本网点受理的材料',
    'No such material was taken at this branch',
  );
}
