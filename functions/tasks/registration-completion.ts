/**
 * The completing half of the registration workflow: one credit code, one enterprise with its event in
 * the outbox, the license request, and the applicant told. Each task is idempotent.
 */
import { z } from 'zod';
import type { EntityType } from '#domain/entity-types';
import { cstDate } from '#domain/legal-time';
import { asRegistered, reservationIndexing } from '#domain/names/index-entries';
import { issueCreditCode, loadCodeRanges, rangeFor } from '#domain/registration/credit-code-issuance';
import { timelineEntry } from '#domain/registration/record';
import { recipientsOf } from '#domain/registration/routing';
import { loadRegistration, registrationDeps } from './registration-deps.ts';
import { taskHandler } from './task.ts';

const Ref = z.object({ registrationId: z.string().min(1).max(64) });

export const assignCreditCode = taskHandler('AssignCreditCode', Ref, async ({ registrationId }) => {
  const { registrations, clock } = registrationDeps();
  const record = await loadRegistration(registrationId);
  if (record.creditCode) return { creditCode: record.creditCode };
  const range = rangeFor(record.authority, loadCodeRanges().ranges);
  const sequence = await registrations.nextSequence(range.id);
  const code = issueCreditCode({
    entityType: record.entityType as EntityType,
    authorityDivision: record.authority,
    sequence,
  });
  const now = clock.now();
  if (!(await registrations.claimCode(registrationId, code, now))) {
    // A repeated task: the registration already has its code; this sequence value stays unused.
    return { creditCode: (await loadRegistration(registrationId)).creditCode };
  }
  await registrations.transition(
    registrationId,
    ['approved'],
    'approved',
    timelineEntry('credit-code', 'assigned', now, code),
  );
  return { creditCode: code };
});

export const createEnterprise = taskHandler('CreateEnterprise', Ref, async ({ registrationId }) => {
  const { registrations, index, clock } = registrationDeps();
  const record = await loadRegistration(registrationId);
  const code = record.creditCode;
  if (!code) throw Object.assign(new Error('no credit code assigned'), { name: 'NoCreditCode' });
  const reservation = await registrations.getReservation(record.reservationId);
  if (!reservation) throw Object.assign(new Error('reservation gone'), { name: 'ReservationNotFound' });
  const now = clock.now();
  const scopeCodes = ((record.summary.businessScope as string[] | undefined) ?? []).slice();
  const outcome = await registrations.createEnterprise(
    record,
    reservation,
    {
      creditCode: code,
      name: record.name,
      entityType: record.entityType,
      status: 'active',
      establishedOn: cstDate(now),
      registrationAuthority: record.authority,
      registrationId,
      ownerSub: record.ownerSub,
      ...(record.ownerIdHash ? { ownerIdHash: record.ownerIdHash } : {}),
      eventSeq: 1,
    },
    {
      id: `${code}-1`,
      type: 'enterprise.registered',
      seq: 1,
      creditCode: code,
      occurredAt: now.toISOString(),
      recipients: recipientsOf({
        type: 'enterprise.registered',
        entityType: record.entityType as EntityType,
        scopeCodes,
      }),
      data: {
        creditCode: code,
        name: record.name,
        entityType: record.entityType,
        registrationAuthority: record.authority,
        establishedOn: cstDate(now),
        businessScope: scopeCodes,
      },
    },
  );
  // The name now stands in the index as registered, under the enterprise's code.
  const { member, entries } = reservationIndexing(reservation);
  await index.remove(record.authorityScope, reservation.id, entries);
  await index.add(record.authorityScope, asRegistered(member, code), entries);
  return { creditCode: code, created: outcome === 'created' };
});

export const requestLicense = taskHandler('RequestLicense', Ref, async ({ registrationId }) => {
  const { registrations, clock } = registrationDeps();
  const record = await loadRegistration(registrationId);
  if (!record.creditCode) throw Object.assign(new Error('no credit code assigned'), { name: 'NoCreditCode' });
  await registrations.requestLicense(record.creditCode, registrationId, clock.now());
  return { requested: true };
});

export const complete = taskHandler('CompleteRegistration', Ref, async ({ registrationId }) => {
  const { registrations, notifications, clock } = registrationDeps();
  const record = await loadRegistration(registrationId);
  const now = clock.now();
  await registrations.transition(
    registrationId,
    ['approved'],
    'registered',
    timelineEntry('registration', 'registered', now, record.creditCode),
  );
  await notifications.notify({
    id: `registration.registered:${registrationId}`,
    kind: 'registration.registered',
    subject: { type: 'registration', id: registrationId },
    message: `“${record.name}”已完成设立登记，统一社会信用代码：${record.creditCode}。`,
    messageEn: `"${record.name}" is registered; its Unified Social Credit Code is ${record.creditCode}.`,
    at: now.toISOString(),
    ownerSub: record.ownerSub,
    ...(record.ownerIdHash ? { ownerIdHash: record.ownerIdHash } : {}),
  });
  return { registered: true };
});
