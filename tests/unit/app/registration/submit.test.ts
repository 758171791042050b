import { describe, expect, it } from 'vitest';
import { releaseReservation } from '#app/names/reservations';
import { submitRegistration } from '#app/registration/submit';
import { ConflictError, NotFoundError } from '#domain/errors';
import { identityHash } from '#domain/identity';
import { application, foreignCompany, natural, P } from '../../registration/fixtures.ts';
import { alice, bob, clerk, freshPorts, reserve, submitted, T0 } from '../support.ts';

const online = { kind: 'online' } as const;
const ID_NUMBERS = Object.values(P).map((p) => p.idNumber);

describe('submitRegistration', () => {
  it('records the case on its reservation and starts the workflow with its id only', async () => {
    const ports = freshPorts();
    const { reservation, registration } = await submitted(ports, alice);
    const stored = await ports.registrations.get(registration.id);
    expect(stored).toMatchObject({
      status: 'submitted',
      channel: 'online',
      ownerSub: 'alice',
      ownerIdHash: alice.idHash,
      reservationId: reservation.id,
      name: reservation.name,
      authority: '440305',
      authorityScope: '440300',
      nameLock: reservation.lock,
      tradeName: '青云',
      industry: '科技',
      materialConditions: [],
      reviewRound: 0,
      timeline: [{ step: 'submission', status: 'received', at: T0.toISOString(), detail: 'online' }],
    });
    expect(ports.registry.reservations.get(reservation.id)?.registrationId).toBe(registration.id);
    expect(ports.workflows.started.at(-1)).toEqual({
      workflow: 'registration',
      executionName: `registration--${registration.id}`,
      input: { registrationId: registration.id },
    });
  });

  it('records the conditions the application calls materials for', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice, {
      investors: [
        natural(P.zhang, '600000', { contributionForm: 'in_kind' }),
        foreignCompany('400000', 'CNY'),
      ],
    });
    expect(registration.materialConditions).toEqual(
      expect.arrayContaining(['foreign_legal_person_investor', 'non_currency_contribution']),
    );
  });

  it('seals the application: no identity number in plaintext anywhere in the record', async () => {
    const ports = freshPorts();
    const { registration, app } = await submitted(ports, alice);
    const stored = JSON.stringify(ports.registry.registrations.get(registration.id));
    for (const id of ID_NUMBERS) expect(stored).not.toContain(id);
    expect(JSON.parse(await ports.sealer.unseal(registration.sealedApplication))).toEqual(app);
    expect(registration.summary).toMatchObject({
      legalRepresentative: { idNumberMasked: '4403************1X', idHash: identityHash(P.zhang.idNumber) },
    });
  });

  it("answers 404 for another's reservation or none, writing nothing", async () => {
    const ports = freshPorts();
    const theirs = await reserve(ports, bob);
    const app = application('limited_liability_company', { reservationId: theirs.id });
    await expect(submitRegistration(ports, alice, app, online)).rejects.toBeInstanceOf(NotFoundError);
    const none = application('limited_liability_company', { reservationId: 'missing' });
    await expect(submitRegistration(ports, alice, none, online)).rejects.toBeInstanceOf(NotFoundError);
    expect(ports.registry.registrations.size).toBe(0);
    expect(ports.workflows.startsOf('registration')).toHaveLength(0);
  });

  it('answers 409 for a reservation no longer reserved, or already used by a registration', async () => {
    const ports = freshPorts();
    const released = await reserve(ports, alice);
    await releaseReservation(ports, alice, released.id);
    const app = application('limited_liability_company', { reservationId: released.id });
    await expect(submitRegistration(ports, alice, app, online)).rejects.toMatchObject({
      code: 'reservation-not-reserved',
    });

    const { reservation } = await submitted(ports, alice);
    const again = submitRegistration(
      ports,
      alice,
      application('limited_liability_company', { reservationId: reservation.id }),
      online,
    );
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    expect(ports.registry.registrations.size).toBe(1);
    expect(ports.workflows.startsOf('registration')).toHaveLength(1);
  });

  it('at the bank: the case is owned by the applicant at the counter, by identity hash', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, clerk);
    const applicantIdHash = reservation.ownerIdHash!;
    const app = application('limited_liability_company', { reservationId: reservation.id });
    const record = await submitRegistration(ports, clerk, app, {
      kind: 'bank',
      branchId: 'B-1',
      bankIntakeId: 'intake-1',
      applicantIdHash,
    });
    expect(record).toMatchObject({
      channel: 'bank',
      ownerSub: 'clerk-1',
      ownerIdHash: applicantIdHash,
      branchId: 'B-1',
      bankIntakeId: 'intake-1',
    });
    // A reservation held for someone else is not this applicant's.
    const other = await reserve(ports, clerk, '深圳市青岚科技有限公司');
    await expect(
      submitRegistration(
        ports,
        clerk,
        application('limited_liability_company', { reservationId: other.id }),
        {
          kind: 'bank',
          branchId: 'B-1',
          bankIntakeId: 'intake-2',
          applicantIdHash: identityHash(P.zhao.idNumber),
        },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
