import { describe, expect, it, vi } from 'vitest';
import { applyRules } from '#app/names/check-name';
import { indexReservedName } from '#app/names/reservation-lifecycle';
import { checkApplication, checkMaterials, decide } from '#app/registration/checks';
import { move } from '#domain/registration/lifecycle';
import { P } from '../../registration/fixtures.ts';
import { alice, checked, DAY, freshPorts, NAME, requiredMaterials, submitted, upload } from '../support.ts';

const ID_NUMBERS = Object.values(P).map((p) => p.idNumber);
const steps = (timeline: { step: string; status: string }[]) => timeline.map((e) => `${e.step}:${e.status}`);

describe('checkApplication', () => {
  it('validates, checks the materials and consumes the reservation in one write', async () => {
    const ports = freshPorts();
    const { registration, reservation } = await submitted(ports, alice);
    const result = await checkApplication(ports, registration.id);
    expect(result).toMatchObject({
      valid: true,
      consumed: true,
      facts: {
        name: NAME,
        entityType: 'limited_liability_company',
        authority: '440305',
        reservationId: reservation.id,
      },
      materials: { complete: true, missing: [], invalid: [], reasons: [] },
      assessment: { failedRules: [] },
    });
    const stored = await ports.registrations.get(registration.id);
    expect(stored?.status).toBe('checking');
    expect(steps(stored!.timeline).slice(1)).toEqual([
      'validation:passed',
      'name-reservation:consumed',
      'materials:complete',
    ]);
    expect((await ports.registrations.getReservation(reservation.id))?.status).toBe('consumed');
  });

  it('hands on facts and an assessment carrying no identity number', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    const result = await checkApplication(ports, registration.id);
    expect(result.assessment?.rules.length).toBeGreaterThan(0);
    const text = JSON.stringify(result);
    for (const id of ID_NUMBERS) expect(text).not.toContain(id);
  });

  it('writes the reasons of an invalid application, and consumes nothing', async () => {
    const ports = freshPorts();
    const { registration, reservation, app } = await submitted(ports, alice);
    // A case admitted under earlier rules (submission now refuses such an application at once).
    ports.registry.registrations.get(registration.id)!.sealedApplication = await ports.sealer.seal(
      JSON.stringify({ ...app, legalRepresentative: { ...P.zhang, idNumber: '440305198503120011' } }),
    );
    const result = await checkApplication(ports, registration.id);
    expect(result).toMatchObject({ valid: false, consumed: false });
    expect(result).not.toHaveProperty('assessment');
    const stored = await ports.registrations.get(registration.id);
    expect(stored?.reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'block', path: expect.stringContaining('legalRepresentative') }),
      ]),
    );
    expect(steps(stored!.timeline).at(-1)).toBe('validation:failed');
    expect((await ports.registrations.getReservation(reservation.id))?.status).toBe('reserved');
  });

  it('consumes the reservation it holds even when the check runs past the period (the process was down)', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    ports.clock.advance(70 * DAY);
    const result = await checkApplication(ports, registration.id);
    expect(result).toMatchObject({ valid: true, consumed: true });
    const stored = await ports.registrations.get(registration.id);
    expect(steps(stored!.timeline)).toContain('name-reservation:consumed');
  });

  it('says so when the reservation is no longer the case’s (released by a fault elsewhere)', async () => {
    const ports = freshPorts();
    const { registration } = await submitted(ports, alice);
    // The store's own state, bypassing every condition: what a crash between two writes could leave.
    ports.registry.reservations.get(registration.reservationId)!.status = 'released';
    const result = await checkApplication(ports, registration.id);
    expect(result).toMatchObject({ valid: true, consumed: false });
    const stored = await ports.registrations.get(registration.id);
    expect(stored?.reasons).toEqual([expect.objectContaining({ code: 'reservation-unavailable' })]);
    expect(steps(stored!.timeline).slice(-2)).toEqual(['validation:passed', 'name-reservation:unavailable']);
  });

  it('lists the materials missing and those that do not check out', async () => {
    const ports = freshPorts();
    const [form, articles] = await requiredMaterials(ports, alice);
    const unuploaded = await upload(ports, alice, 'investor_identity');
    ports.documents.put(`materials/${unuploaded}`, 'other bytes', 'application/pdf');
    const { registration } = await submitted(ports, alice, { materials: [form!, articles!, unuploaded] });
    const { materials } = await checkApplication(ports, registration.id);
    expect(materials).toMatchObject({
      complete: false,
      missing: ['investor_identity', 'domicile_commitment', 'appointment_documents', 'officers_identity'],
      invalid: [unuploaded],
      supplementTimeoutSeconds: 15 * 86_400,
    });
    expect(materials.reasons.map((r) => r.code)).toEqual([
      ...Array(4).fill('material-missing'),
      'material-invalid',
    ]);
    expect(materials.detail).toContain(unuploaded);
    const stored = await ports.registrations.get(registration.id);
    expect(steps(stored!.timeline)).not.toContain('materials:complete');
  });
});

describe('checkMaterials', () => {
  it('moves the case on once the materials are complete', async () => {
    const ports = freshPorts();
    const { registration } = await checked(ports, alice);
    await ports.registrations.move(registration.id, move(ports.clock.now(), 'materialsIncomplete'));
    await ports.registrations.move(registration.id, move(ports.clock.now(), 'supplied'));
    const outcome = await checkMaterials(ports, registration.id);
    expect(outcome.complete).toBe(true);
    const stored = await ports.registrations.get(registration.id);
    expect(steps(stored!.timeline).at(-1)).toBe('materials:complete');
  });
});

describe('decide', () => {
  it('approves a standard case writing nothing: the approval is written with the code', async () => {
    const ports = freshPorts();
    const c = await checked(ports, alice);
    const before = await ports.registrations.get(c.registration.id);
    const moveSpy = vi.spyOn(ports.registrations, 'move');
    const decision = await decide(ports, c.registration.id, c.check.facts, c.assessment);
    expect(decision).toMatchObject({ outcome: 'approve', by: 'rules', failedRules: [] });
    expect(decision.reviewTimeoutSeconds).toBeGreaterThan(0);
    expect(moveSpy).not.toHaveBeenCalled();
    expect(await ports.registrations.get(c.registration.id)).toEqual(before);
  });

  it('does not count the case’s own reservation as another name', async () => {
    const ports = freshPorts();
    const c = await checked(ports, alice);
    await indexReservedName(ports, c.reservation.id);
    expect((await decide(ports, c.registration.id, c.check.facts, c.assessment)).outcome).toBe('approve');
  });

  it('refers a case a rule does not pass to an examiner, writing the decision', async () => {
    const ports = freshPorts();
    const c = await checked(ports, alice);
    const referred = { ...c.assessment, failedRules: ['entity-type-standard'] };
    const decision = await decide(ports, c.registration.id, c.check.facts, referred);
    expect(decision.outcome).toBe('review');
    const stored = await ports.registrations.get(c.registration.id);
    expect(stored).toMatchObject({
      status: 'in_review',
      decision: { outcome: 'review', by: 'rules', failedRules: ['entity-type-standard'] },
    });
    expect(stored!.timeline.at(-1)).toMatchObject({
      step: 'decision',
      status: 'review',
      detail: 'entity-type-standard',
    });
  });

  it('refuses a name another now holds, writing the decision and its reasons', async () => {
    const ports = freshPorts();
    const c = await checked(ports, alice);
    await ports.reservations.holdForEnterprise(
      { ...applyRules(NAME, '440305').key, industryClass: null },
      { creditCode: '91440300MA5G000011', name: '深圳市青云有限公司', tradeName: '青云', industry: null },
    );
    const decision = await decide(ports, c.registration.id, c.check.facts, c.assessment);
    expect(decision).toMatchObject({ outcome: 'reject', failedRules: ['name-available'] });
    const stored = await ports.registrations.get(c.registration.id);
    expect(stored).toMatchObject({
      status: 'checking',
      decision: { outcome: 'reject', by: 'rules' },
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'name-unavailable' })]),
    });
    expect(stored!.timeline.at(-1)).toMatchObject({ step: 'decision', status: 'reject' });
  });
});
