/**
 * Name reservations. The handler itself makes the conditional write that says "yours" or "taken", then
 * starts the workflow that carries the reservation through time (expiry, continuation).
 */

import { optionalEnv } from '#adapters/config';
import { DynamoNameIndex } from '#adapters/dynamo-name-index';
import { DynamoReservationStore } from '#adapters/dynamo-reservations';
import { newId } from '#adapters/ids';
import { StepFunctionsEngine } from '#adapters/step-functions';
import { owns } from '#domain/caller';
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from '#domain/errors';
import { checkResidentId, identityHash } from '#domain/identity';
import { parseDuration, toCstIso } from '#domain/legal-time';
import { reservationIndexing } from '#domain/names/index-entries';
import { holderOf, type ReservationRecord, reservationExpiry } from '#domain/reservation';
import { httpRoute, json } from '#http/route';
import { systemClock } from '#ports/clock';
import type { NameIndex } from '#ports/name-index';
import type { ReservationStore } from '#ports/reservations';
import type { WorkflowEngine } from '#ports/workflows';
import { ROUTE } from '#shared/routes';
import { reservationExecutionName } from '#workflows/executions';
import { NAME_RESERVATION_WORKFLOW } from '#workflows/registry';
import { applyRules, conflictsWith } from './name-check.ts';

interface Deps {
  store: ReservationStore;
  index: NameIndex;
  engine: WorkflowEngine;
  periods: Parameters<typeof reservationExpiry>[2];
}

let deps: Deps | undefined;
function get(): Deps {
  deps ??= {
    store: new DynamoReservationStore(),
    index: new DynamoNameIndex(),
    engine: new StepFunctionsEngine(),
    periods: {
      standard: parseDuration(optionalEnv('NAME_RESERVATION_PERIOD', 'P2M')),
      preApproval: parseDuration(optionalEnv('NAME_RESERVATION_PREAPPROVAL_PERIOD', 'P1Y')),
    },
  };
  return deps;
}

export function view(r: ReservationRecord) {
  return {
    id: r.id,
    name: r.name,
    division: r.division,
    entityType: r.entityType,
    status: r.status,
    reservedAt: toCstIso(new Date(r.reservedAt)),
    expiresAt: toCstIso(new Date(r.expiresAt)),
    ...(r.holderName ? { holderName: r.holderName } : {}),
  };
}

export const reserve = httpRoute(ROUTE.ReserveName, async ({ body, caller }) => {
  const { store, engine, periods } = get();
  let holder: { name: string; idHash: string } | undefined;
  if (caller.role === 'bank_clerk') {
    if (!body.holder)
      throw new ValidationError('a clerk reserves for the person at the counter', [
        { path: 'body.holder', message: 'required from a bank clerk' },
      ]);
    const id = checkResidentId(body.holder.idNumber);
    if (!id.valid)
      throw new ValidationError('the holder identity number is not valid', [
        { path: 'body.holder.idNumber', message: id.reason },
      ]);
    holder = { name: body.holder.name, idHash: identityHash(body.holder.idNumber) };
  }
  const rules = applyRules(body.name, body.division, body.entityType);
  const blocking = rules.findings.filter((f) => f.severity === 'block');
  if (blocking.length)
    throw new RuleViolation('name-refused', 'the naming rules refuse this name', {
      findings: rules.findings,
    });

  const now = systemClock.now();
  const record: ReservationRecord = {
    id: newId(now.getTime()),
    name: body.name,
    division: body.division,
    entityType: body.entityType,
    status: 'reserved',
    tradeName: rules.parts.tradeName,
    industry: rules.parts.industry,
    lock: rules.key,
    ...holderOf(caller, holder),
    preApprovalRequired: body.preApprovalRequired,
    reservedAt: now.toISOString(),
    expiresAt: reservationExpiry(now, body.preApprovalRequired, periods).toISOString(),
    ruleVersion: rules.ruleVersion,
  };
  const outcome = await store.reserve(record);
  if (!outcome.reserved) {
    const findings = conflictsWith(
      rules,
      body.division,
      { holders: outcome.heldBy ? [outcome.heldBy] : [], members: [] },
      now,
    );
    throw new ConflictError('name-taken', 'an identical name is already registered or reserved', {
      findings,
    });
  }
  await engine.start(NAME_RESERVATION_WORKFLOW.name, reservationExecutionName(record.id, 0), {
    reservationId: record.id,
    generation: 0,
    generationStartedAt: now.toISOString(),
  });
  return json(201, view(record), { location: `/v1/names/reservations/${record.id}` });
});

export const list = httpRoute(ROUTE.ListReservations, async ({ caller, query }) => {
  const page = await get().store.listOwned(
    { sub: caller.sub, ...(caller.idHash ? { idHash: caller.idHash } : {}) },
    query?.cursor,
    query?.limit ?? 20,
  );
  return json(200, { items: page.items.map(view), nextCursor: page.nextCursor });
});

async function owned(id: string, caller: Parameters<typeof owns>[0]): Promise<ReservationRecord> {
  const record = await get().store.get(id);
  if (!record || !owns(caller, record)) throw new NotFoundError('reservation');
  return record;
}

export const getOne = httpRoute(ROUTE.GetReservation, async ({ params, caller }) =>
  json(200, view(await owned(params.id, caller))),
);

export const release = httpRoute(ROUTE.ReleaseReservation, async ({ params, caller }) => {
  const record = await owned(params.id, caller);
  const { store, index } = get();
  const released = await store.settle(record, 'released', systemClock.now());
  if (!released) {
    throw new ConflictError(
      'not-reserved',
      `the reservation is ${(await store.get(record.id))?.status ?? 'gone'}, not reserved`,
    );
  }
  // Out of the similarity index at once; the workflow does it again, idempotently, when it next wakes.
  const { entries } = reservationIndexing(record);
  await index.remove(record.lock.scope, record.id, entries);
  return json(200, view({ ...record, status: 'released' }));
});
