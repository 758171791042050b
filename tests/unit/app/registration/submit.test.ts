import { describe, expect, it } from 'vitest';
import { releaseReservation } from '#app/names/reservations';
import { checkApplication } from '#app/registration/checks';
import { submitRegistration } from '#app/registration/submit';
import { ConflictError, NotFoundError, RuleViolation } from '#domain/errors';
import { identityHash } from '#domain/identity';
import type { Reason } from '#domain/registration/types';
import { application, foreignCompany, natural, P, personBornOn } from '../../registration/fixtures.ts';
import {
  alice,
  bob,
  clerk,
  freshPorts,
  requiredMaterials,
  reserve,
  submitted,
  T0,
  type TestPorts,
} from '../support.ts';

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
      entityType: 'foreign_invested_company',
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

  it('answers 409 for a reservation past its period that its late workflow still shows reserved', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, alice);
    ports.clock.set(reservation.expiresAt);
    const app = application('limited_liability_company', { reservationId: reservation.id });
    await expect(submitRegistration(ports, alice, app, online)).rejects.toMatchObject({
      code: 'reservation-not-reserved',
      message: 'the reservation has expired',
    });
    expect(ports.registry.registrations.size).toBe(0);
    // The store refuses it too, whatever the use case read: the hold is conditioned on the period.
    const record = { id: 'late', reservationId: reservation.id, createdAt: reservation.expiresAt };
    expect(await ports.registrations.create(record as never)).toBe(false);
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

/** The findings of a refused submission, as `path code` pairs. */
async function refusal(attempt: Promise<unknown>): Promise<string[]> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleViolation);
  expect(error).toMatchObject({ code: 'application-refused' });
  const { reasons } = (error as RuleViolation).details as { reasons: Reason[] };
  return reasons.map((r) => `${r.path} ${r.code}`);
}

async function nothingWritten(ports: TestPorts, reservationId: string) {
  expect(ports.registry.registrations.size).toBe(0);
  expect(ports.workflows.startsOf('registration')).toHaveLength(0);
  expect((await ports.registrations.getReservation(reservationId))?.status).toBe('reserved');
}

describe('submitRegistration: what needs no store is answered at once (422)', () => {
  it('refuses a body missing its officers, tax contact and deadline, every finding at its request path, writing nothing', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, alice);
    const app = application('limited_liability_company', {
      reservationId: reservation.id,
      directors: [],
      supervisors: [],
      financialOfficer: undefined,
      taxContact: undefined,
      investors: [natural(P.zhang, '1000000', { contributionDeadline: undefined })],
    });
    expect(await refusal(submitRegistration(ports, alice, app, online))).toEqual([
      'body.investors.0.contributionDeadline contribution-deadline-missing',
      'body.directors directors-missing',
      'body.supervisors supervisor-missing',
      'body.legalRepresentative legal-representative-not-director-or-manager',
      'body.financialOfficer financial-officer-missing',
      'body.taxContact tax-contact-missing',
    ]);
    await nothingWritten(ports, reservation.id);
  });

  it('refuses a name reserved in Shenzhen registering a domicile in Beijing, naming where to go', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, alice);
    const app = application('limited_liability_company', {
      reservationId: reservation.id,
      domicile: { division: '110105', address: '北京市朝阳区建国路1号', commitment: true },
    });
    const error = await submitRegistration(ports, alice, app, online).catch((e: RuleViolation) => e);
    const { reasons } = (error as RuleViolation).details as { reasons: Reason[] };
    expect(reasons).toEqual([
      expect.objectContaining({
        code: 'domicile-out-of-jurisdiction',
        path: 'body.domicile.division',
        basis: '《市场主体登记管理条例实施细则》第十条',
        message: expect.stringContaining('北京市（110000）'),
      }),
    ]);
    await nothingWritten(ports, reservation.id);
  });

  it('refuses a director under 16, and names the paths inside a bank intake’s body', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, clerk);
    const minor = personBornOn('少年', '2011-01-01');
    const app = application('limited_liability_company', {
      reservationId: reservation.id,
      directors: [minor],
      legalRepresentative: minor,
    });
    const bank = {
      kind: 'bank',
      branchId: 'B-1',
      bankIntakeId: 'intake-1',
      applicantIdHash: reservation.ownerIdHash!,
    } as const;
    expect(await refusal(submitRegistration(ports, clerk, app, bank))).toEqual([
      'body.registration.legalRepresentative officer-without-capacity',
      'body.registration.directors.0 officer-without-capacity',
    ]);
    await nothingWritten(ports, reservation.id);
  });

  it('answers 404 before any rule: whose reservation it is comes first', async () => {
    const ports = freshPorts();
    const theirs = await reserve(ports, bob);
    const app = application('limited_liability_company', { reservationId: theirs.id, directors: [] });
    await expect(submitRegistration(ports, alice, app, online)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets warnings pass: a 17-year-old director is submitted, and the workflow refers the case to an examiner', async () => {
    const ports = freshPorts();
    const young = personBornOn('青年', '2009-01-01');
    const { registration } = await submitted(ports, alice, {
      legalRepresentative: young,
      directors: [young],
    });
    expect(ports.workflows.startsOf('registration')).toHaveLength(1);
    const check = await checkApplication(ports, registration.id);
    expect(check).toMatchObject({ valid: true, consumed: true });
    expect(check.assessment?.failedRules).toEqual(['application-valid']);
    expect(check.assessment?.reasons.map((r) => r.code)).toContain('officer-capacity-by-own-income');
  });

  it('counts the five years from the day of submission in Beijing, not in UTC', async () => {
    const ports = freshPorts();
    // 17:00 UTC on 16 March is 01:00 on 17 March in Beijing: five years run to 2031-03-17.
    ports.clock.set('2026-03-16T17:00:00.000Z');
    const { registration } = await submitted(ports, alice, {
      investors: [natural(P.zhang, '1000000', { contributionDeadline: '2031-03-17' })],
    });
    expect(registration.status).toBe('submitted');
  });

  it('records a bank filing as an agent’s, so the workflow wants the authorization too', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, clerk);
    const record = await submitRegistration(
      ports,
      clerk,
      application('limited_liability_company', { reservationId: reservation.id }),
      { kind: 'bank', branchId: 'B-1', bankIntakeId: 'intake-1', applicantIdHash: reservation.ownerIdHash! },
    );
    expect(record.materialConditions).toEqual(['agent']);
  });
});

describe('submitRegistration retried after a crash (the hardening issue)', () => {
  it('finds the case its first attempt created, by the request key, and starts its workflow', async () => {
    const ports = freshPorts();
    const reservation = await reserve(ports, alice);
    const materials = await requiredMaterials(ports, alice);
    const app = application('limited_liability_company', { reservationId: reservation.id, materials });
    const key = 'applicant:alice#SubmitRegistration#retry-0001';
    const start = ports.workflows.start.bind(ports.workflows);
    let crashes = 1;
    ports.workflows.start = async (...args) => {
      if (crashes-- > 0) throw new Error('the process died before the workflow started');
      return start(...args);
    };
    await expect(submitRegistration(ports, alice, app, { kind: 'online' }, key)).rejects.toThrow(/died/);
    // The reservation is held by the case the first attempt wrote: without the key this would be 409.
    const retried = await submitRegistration(ports, alice, app, { kind: 'online' }, key);
    expect(retried.id).toBe(ports.ids.fromKey(key));
    expect(ports.registry.reservations.get(reservation.id)?.registrationId).toBe(retried.id);
    expect(ports.workflows.startsOf('registration').map((s) => s.executionName)).toEqual([
      `registration--${retried.id}`,
    ]);
    // Another applicant with the same key text is another scope, and gets nothing of alice's.
    await expect(
      submitRegistration(ports, bob, app, { kind: 'online' }, 'applicant:bob#SubmitRegistration#retry-0001'),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
