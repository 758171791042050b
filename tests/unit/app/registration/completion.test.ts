import { describe, expect, it } from 'vitest';
import { indexReservedName } from '#app/names/reservation-lifecycle';
import { decide } from '#app/registration/checks';
import { assignCreditCode, NoCreditCode, registerEnterprise } from '#app/registration/completion';
import { decideReview } from '#app/registration/reviews';
import { alice, checked, examiner, freshPorts, inReview, type TestPorts } from '../support.ts';

const facts = { authority: '440305', entityType: 'limited_liability_company' as const };

/** A case approved by the rules, its decision not yet written. */
async function approvedByRules(ports: TestPorts) {
  const c = await checked(ports, alice);
  const decision = await decide(ports, c.registration.id, c.check.facts, c.assessment);
  return { ...c, decision };
}

async function coded(ports: TestPorts) {
  const c = await approvedByRules(ports);
  const { creditCode } = await assignCreditCode(ports, c.registration.id, facts, c.decision);
  return { ...c, creditCode };
}

describe('assignCreditCode', () => {
  it('on a rules approval, writes the decision and the code in one move', async () => {
    const ports = freshPorts();
    const { registration, decision } = await approvedByRules(ports);
    const { creditCode } = await assignCreditCode(ports, registration.id, facts, decision);
    expect(creditCode).toMatch(/^91440305[0-9A-Z]{10}$/);
    const stored = await ports.registrations.get(registration.id);
    expect(stored).toMatchObject({
      status: 'approved',
      creditCode,
      decision: { outcome: 'approve', by: 'rules', failedRules: [], at: decision.at },
    });
    expect(stored!.timeline.slice(-2)).toEqual([
      expect.objectContaining({ step: 'decision', status: 'approve' }),
      expect.objectContaining({ step: 'credit-code', status: 'assigned', detail: creditCode }),
    ]);
    expect(ports.creditCodes.code(creditCode)).toMatchObject({
      registrationId: registration.id,
      status: 'issued',
    });
  });

  it('repeated, returns the same code and issues no other', async () => {
    const ports = freshPorts();
    const { registration, decision, creditCode } = await coded(ports);
    expect(await assignCreditCode(ports, registration.id, facts, decision)).toEqual({ creditCode });
    expect([...ports.registry.codes.keys()]).toEqual([creditCode]);
    const stored = await ports.registrations.get(registration.id);
    expect(stored!.timeline.filter((e) => e.step === 'credit-code')).toHaveLength(1);
  });

  it("keeps an examiner's approval", async () => {
    const ports = freshPorts();
    const { registration } = await inReview(ports, alice);
    await decideReview(ports, examiner, `${registration.id}-review-0`, 'approve', '同意');
    const examined = {
      outcome: 'approve' as const,
      by: 'examiner',
      rules: [],
      failedRules: [],
      at: ports.clock.now().toISOString(),
    };
    const { creditCode } = await assignCreditCode(ports, registration.id, facts, examined);
    expect(await ports.registrations.get(registration.id)).toMatchObject({
      creditCode,
      decision: { by: 'examiner', examiner: 'examiner-1', reason: '同意' },
    });
  });

  it('fails with NoCreditCode for a case that can take none', async () => {
    const ports = freshPorts();
    const { registration, decision } = await checked(ports, alice).then(async (c) => ({
      ...c,
      decision: {
        outcome: 'approve' as const,
        by: 'examiner',
        rules: [],
        failedRules: [],
        at: ports.clock.now().toISOString(),
      },
    }));
    await expect(assignCreditCode(ports, registration.id, facts, decision)).rejects.toBeInstanceOf(
      NoCreditCode,
    );
    expect(ports.registry.codes.size).toBe(0);
  });
});

describe('registerEnterprise', () => {
  it('makes the enterprise, its event, the notice, hands over the lock and replaces the index member', async () => {
    const ports = freshPorts();
    const { registration, reservation, creditCode } = await coded(ports);
    await indexReservedName(ports, reservation.id);
    ports.clock.advance(1000);
    expect(await registerEnterprise(ports, registration.id, creditCode)).toEqual({
      creditCode,
      created: true,
    });
    expect(await ports.enterprises.get(creditCode)).toMatchObject({
      creditCode,
      name: registration.name,
      status: 'active',
      registrationId: registration.id,
      registrationAuthority: '440305',
      ownerSub: 'alice',
      ownerIdHash: alice.idHash,
    });
    expect(ports.enterprises.outbox(creditCode)).toEqual([
      expect.objectContaining({ type: 'enterprise.registered', seq: 1, creditCode }),
    ]);
    expect((await ports.registrations.get(registration.id))?.status).toBe('registered');
    expect(ports.reservations.holders(reservation.lock)).toEqual([
      expect.objectContaining({ kind: 'enterprise', id: creditCode, status: 'registered' }),
    ]);
    expect(await ports.nameIndex.search('青云')).toEqual([
      expect.objectContaining({ id: creditCode, status: 'registered', creditCode }),
    ]);
    const notices = await ports.notifications.listOwned(
      { sub: 'alice', idHash: alice.idHash! },
      undefined,
      10,
    );
    expect(notices.items).toEqual([expect.objectContaining({ kind: expect.stringMatching(/registered/) })]);
  });

  it("repeated, answers 'already' and writes nothing twice", async () => {
    const ports = freshPorts();
    const { registration, creditCode } = await coded(ports);
    await registerEnterprise(ports, registration.id, creditCode);
    expect(await registerEnterprise(ports, registration.id, creditCode)).toEqual({
      creditCode,
      created: false,
    });
    expect(ports.enterprises.outbox(creditCode)).toHaveLength(1);
    expect(ports.registry.notices.size).toBe(1);
    expect(await ports.nameIndex.search('青云')).toHaveLength(1);
  });

  it('fails with NoCreditCode for a code that is not the case’s', async () => {
    const ports = freshPorts();
    const { registration } = await coded(ports);
    await expect(registerEnterprise(ports, registration.id, '91440305MA5G000011')).rejects.toBeInstanceOf(
      NoCreditCode,
    );
    expect(ports.registry.enterprises.size).toBe(0);
  });
});
