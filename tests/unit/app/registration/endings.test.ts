import { describe, expect, it, vi } from 'vitest';
import { decide } from '#app/registration/checks';
import { assignCreditCode, registerEnterprise } from '#app/registration/completion';
import { compensateRegistration, rejectRegistration } from '#app/registration/endings';
import { RegistrationNotFound } from '#app/registration/load';
import { alice, bob, checked, DAY, freshPorts, reserve, type TestPorts } from '../support.ts';

async function coded(ports: TestPorts) {
  const c = await checked(ports, alice);
  const decision = await decide(ports, c.registration.id, c.check.facts, c.assessment);
  const { creditCode } = await assignCreditCode(ports, c.registration.id, c.check.facts, decision);
  return { ...c, creditCode };
}

describe('rejectRegistration', () => {
  it('ends the case and gives the reservation back in the same write', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await checked(ports, alice);
    const release = vi.spyOn(ports.registrations, 'release');
    const moveSpy = vi.spyOn(ports.registrations, 'move');
    expect(await rejectRegistration(ports, registration.id, 'decision')).toEqual({ rejected: true });
    expect(release).toHaveBeenCalledTimes(1);
    expect(moveSpy).not.toHaveBeenCalled();
    const stored = await ports.registrations.get(registration.id);
    expect(stored?.status).toBe('rejected');
    expect(stored?.timeline.at(-1)).toMatchObject({
      step: 'decision',
      status: 'rejected',
      detail: 'decision',
    });
    expect(ports.registry.reservations.get(reservation.id)).toMatchObject({ status: 'reserved' });
    expect(ports.registry.reservations.get(reservation.id)?.registrationId).toBeUndefined();
    // The holder may use the name again; nobody else may take it.
    await expect(reserve(ports, bob)).rejects.toMatchObject({ code: 'name-taken' });
  });

  it('adds the overdue supplement to the reasons', async () => {
    const ports = freshPorts();
    const { registration } = await checked(ports, alice);
    await rejectRegistration(ports, registration.id, 'supplement-overdue');
    expect((await ports.registrations.get(registration.id))?.reasons).toEqual([
      expect.objectContaining({ code: 'supplement-overdue', path: 'materials' }),
    ]);
  });

  it('lets a reservation whose period ended expire, freeing the name', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await checked(ports, alice);
    ports.clock.advance(70 * DAY);
    await rejectRegistration(ports, registration.id, 'decision');
    expect(ports.registry.reservations.get(reservation.id)?.status).toBe('expired');
    expect(ports.reservations.holders(reservation.lock)).toEqual([]);
  });

  it('fails with RegistrationNotFound for a case that does not exist', async () => {
    await expect(rejectRegistration(freshPorts(), 'missing', 'decision')).rejects.toBeInstanceOf(
      RegistrationNotFound,
    );
  });
});

describe('compensateRegistration', () => {
  it('voids a code whose enterprise was never made, and gives the reservation back', async () => {
    const ports = freshPorts();
    const { registration, reservation, creditCode } = await coded(ports);
    expect(await compensateRegistration(ports, registration.id)).toEqual({
      voidedCode: true,
      restored: true,
    });
    expect(ports.creditCodes.code(creditCode)).toMatchObject({ status: 'void' });
    expect(await ports.registrations.get(registration.id)).toMatchObject({
      status: 'rejected',
      reasons: [expect.objectContaining({ code: 'processing-failed' })],
    });
    expect(ports.registry.reservations.get(reservation.id)?.status).toBe('reserved');
  });

  it('has no code to void before one is assigned', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await checked(ports, alice);
    expect(await compensateRegistration(ports, registration.id)).toEqual({
      voidedCode: false,
      restored: true,
    });
    expect(ports.registry.codes.size).toBe(0);
    expect(ports.registry.reservations.get(reservation.id)?.status).toBe('reserved');
  });

  it('keeps the code and the name of an enterprise that exists', async () => {
    const ports = freshPorts();
    const { registration, reservation, creditCode } = await coded(ports);
    await registerEnterprise(ports, registration.id, creditCode);
    expect(await compensateRegistration(ports, registration.id)).toEqual({
      voidedCode: false,
      restored: false,
    });
    expect(ports.creditCodes.code(creditCode)).toMatchObject({ status: 'issued' });
    expect(ports.reservations.holders(reservation.lock)).toEqual([
      expect.objectContaining({ kind: 'enterprise', id: creditCode }),
    ]);
  });
});
