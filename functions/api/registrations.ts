/** Registrations: submit, follow, supplement, withdraw. The workflow does the work; these answer at once. */

import { DynamoTaskStore } from '#adapters/dynamo-reviews';
import type { Caller } from '#domain/caller';
import { owns } from '#domain/caller';
import { ConflictError, NotFoundError } from '#domain/errors';
import { maySeeRegistration, maySupplement } from '#domain/registration/access';
import { type RegistrationRecord, timelineEntry, UNDECIDED } from '#domain/registration/record';
import { httpRoute, json } from '#http/route';
import { systemClock } from '#ports/clock';
import { ROUTE } from '#shared/routes';
import { registrationExecutionName } from '#workflows/executions';
import { REGISTRATION_WORKFLOW } from '#workflows/registry';
import { registrationView, submissionDeps, submitRegistration } from './registration-submission.ts';

let tasks: DynamoTaskStore | undefined;
const taskStore = () => (tasks ??= new DynamoTaskStore());

async function visible(id: string, caller: Caller, may = maySeeRegistration): Promise<RegistrationRecord> {
  const record = await submissionDeps().registrations.get(id);
  if (!record || !may(caller, record)) throw new NotFoundError('registration');
  return record;
}

export const submit = httpRoute(ROUTE.SubmitRegistration, async ({ body, caller }) => {
  const record = await submitRegistration(caller, body, { kind: 'online' });
  return json(202, { id: record.id, status: record.status }, { location: `/v1/registrations/${record.id}` });
});

export const list = httpRoute(ROUTE.ListRegistrations, async ({ caller, query }) => {
  const page = await submissionDeps().registrations.listOwned(
    { sub: caller.sub, ...(caller.idHash ? { idHash: caller.idHash } : {}) },
    query.cursor,
    query.limit,
  );
  return json(200, { items: page.items.map(registrationView), nextCursor: page.nextCursor });
});

export const getOne = httpRoute(ROUTE.GetRegistration, async ({ params, caller }) =>
  json(200, registrationView(await visible(params.id, caller))),
);

/** 补正: the applicant (or the clerk who took the case) adds materials while changes are requested. */
export const supplement = httpRoute(ROUTE.SupplementRegistration, async ({ params, caller, body }) => {
  const record = await visible(params.id, caller, maySupplement);
  if (record.status !== 'changes_requested')
    throw new ConflictError(
      'not-changes-requested',
      `the registration is ${record.status}; materials are supplemented only when changes are requested`,
    );
  const candidates = await Promise.all(
    ['materials', 'examiner'].map((by) =>
      taskStore().get(`${record.id}-supplement-${record.reviewRound}-${by}`),
    ),
  );
  const task = candidates.find((t) => t?.status === 'open');
  if (!task)
    throw new ConflictError('no-open-request', 'no request for changes is open on this registration');
  const { registrations, engine } = submissionDeps();
  const now = systemClock.now();
  const materials = [...new Set([...record.materials, ...body.materials])];
  if (
    !(await registrations.transition(
      record.id,
      ['changes_requested'],
      'checking',
      timelineEntry('supplement', 'provided', now),
      { materials },
    ))
  ) {
    throw new ConflictError('not-changes-requested', 'the registration changed meanwhile; reload it');
  }
  await taskStore().close(task.taskId, 'supplied', now);
  await engine.sendTaskSuccess(task.token, { supplied: materials.length });
  return json(200, registrationView({ ...record, status: 'checking', materials }));
});

export const withdraw = httpRoute(ROUTE.WithdrawRegistration, async ({ params, caller }) => {
  const record = await visible(params.id, caller, owns);
  const { registrations, engine } = submissionDeps();
  const now = systemClock.now();
  if (
    !(await registrations.transition(
      record.id,
      UNDECIDED,
      'withdrawn',
      timelineEntry('withdrawal', 'withdrawn', now),
    ))
  ) {
    throw new ConflictError(
      'already-decided',
      `the registration is ${(await registrations.get(record.id))?.status}; it can no longer be withdrawn`,
    );
  }
  await engine.stop(
    REGISTRATION_WORKFLOW.name,
    registrationExecutionName(record.id),
    'withdrawn by the applicant',
  );
  // Nobody is to act on the case any more: its open review or supplement leaves the queues.
  const round = record.reviewRound;
  await Promise.all(
    [
      `${record.id}-review-${round}`,
      `${record.id}-supplement-${round}-materials`,
      `${record.id}-supplement-${round}-examiner`,
    ].map((id) => taskStore().close(id, 'withdrawn', now)),
  );
  await registrations.restoreReservation(record, now);
  return json(200, registrationView({ ...record, status: 'withdrawn' }));
});
