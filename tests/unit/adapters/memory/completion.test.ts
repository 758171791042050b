import { describe, expect, it } from 'vitest';
import { nameCorrectionOrderedNotice } from '#domain/notices';
import { move } from '#domain/registration/lifecycle';
import { checkingCase, later, registrationPlan, T0 } from './fixtures.ts';

const CODE = '91440300MA5G000011';

/** A case approved and consumed, ready for its credit code. */
async function approvedCase() {
  const c = await checkingCase();
  await c.ports.registrations.consumeReservation(c.reg, T0, move(T0, 'reservationConsumed'));
  await c.ports.registrations.move(c.reg.id, move(T0, 'approvedByRules'));
  return c;
}

describe('MemoryCreditCodeStore', () => {
  it('counts each range from 0, never handing out one value twice', async () => {
    const { ports } = await checkingCase();
    const values = await Promise.all([1, 2, 3].map(() => ports.creditCodes.nextSequence('440300-a')));
    expect(values.sort()).toEqual([0, 1, 2]);
    expect(await ports.creditCodes.nextSequence('110000-a')).toBe(0);
  });

  it('claims a code once, with the move, keeping a decision already made', async () => {
    const { ports, reg } = await approvedCase();
    const decision = { outcome: 'approve', by: 'rules', at: T0.toISOString() };
    await ports.registrations.move(reg.id, { from: ['approved'], to: 'approved', entries: [] }, { decision });
    const assigned = move(later(5), { name: 'codeAssigned', detail: CODE });
    const other = { outcome: 'review', by: 'rules', at: later(5).toISOString() };
    expect(
      await ports.creditCodes.claim(reg.id, CODE, later(5), assigned, { decision: other, note: 'x' }),
    ).toBe(true);
    expect(await ports.registrations.get(reg.id)).toMatchObject({
      creditCode: CODE,
      decision,
      note: 'x',
      updatedAt: later(5).toISOString(),
      timeline: expect.arrayContaining([expect.objectContaining({ step: 'credit-code', detail: CODE })]),
    });
    expect(ports.creditCodes.code(CODE)).toMatchObject({ registrationId: reg.id, status: 'issued' });
    // A repeated task, with the same code or a fresh one: false, nothing written.
    expect(await ports.creditCodes.claim(reg.id, CODE, later(6), assigned)).toBe(false);
    expect(await ports.creditCodes.claim(reg.id, '91440300MA5G000022', later(6), assigned)).toBe(false);
    expect(
      (await ports.registrations.get(reg.id))!.timeline.filter((e) => e.step === 'credit-code'),
    ).toHaveLength(1);
    expect(await ports.creditCodes.claim('missing', '91440300MA5G000033', later(6), assigned)).toBe(false);
  });

  it('sets the decision when the registration has none', async () => {
    const { ports, reg } = await approvedCase();
    const decision = { outcome: 'approve', by: 'rules', at: T0.toISOString() };
    await ports.creditCodes.claim(reg.id, CODE, T0, move(T0, 'codeAssigned'), { decision });
    expect((await ports.registrations.get(reg.id))?.decision).toEqual(decision);
  });

  it('throws on a code issued before, writing nothing', async () => {
    const { ports, reg } = await approvedCase();
    ports.registry.registrations.set('reg-x', { ...(await ports.registrations.get(reg.id))!, id: 'reg-x' });
    await ports.creditCodes.claim('reg-x', CODE, T0, move(T0, 'codeAssigned'));
    await expect(ports.creditCodes.claim(reg.id, CODE, T0, move(T0, 'codeAssigned'))).rejects.toThrow(
      /issued before/,
    );
    expect((await ports.registrations.get(reg.id))?.creditCode).toBeUndefined();
  });

  it('voids a code of its own registration only', async () => {
    const { ports, reg } = await approvedCase();
    await ports.creditCodes.claim(reg.id, CODE, T0, move(T0, 'codeAssigned'));
    await expect(ports.creditCodes.void('someone-else', CODE, T0)).rejects.toThrow(/not issued/);
    await ports.creditCodes.void(reg.id, CODE, later(1));
    expect(ports.creditCodes.code(CODE)).toMatchObject({ status: 'void', voidedAt: later(1).toISOString() });
  });
});

describe('MemoryEnterpriseStore.register', () => {
  async function codedCase() {
    const c = await approvedCase();
    await c.ports.creditCodes.claim(c.reg.id, CODE, T0, move(T0, 'codeAssigned'));
    return { ...c, plan: registrationPlan(c.reg, c.res, CODE, later(10)) };
  }

  it('writes the enterprise, its event, the lock handed over, the case registered and the notice, at once', async () => {
    const { ports, plan, res } = await codedCase();
    expect(await ports.enterprises.register(plan)).toBe('created');
    expect(await ports.enterprises.get(CODE)).toMatchObject({ name: plan.enterprise.name, status: 'active' });
    expect(ports.enterprises.outbox(CODE)).toEqual([plan.event]);
    expect(ports.reservations.holders(res.lock)).toEqual([
      expect.objectContaining({ kind: 'enterprise', id: CODE, status: 'registered', trade: '星河' }),
    ]);
    expect(await ports.registrations.get('reg-1')).toMatchObject({
      status: 'registered',
      enterpriseCreated: true,
    });
    expect((await ports.notifications.listOwned({ sub: 'user-1' }, undefined, 10)).items).toEqual([
      plan.notice,
    ]);
    expect(ports.enterprises.licenseRequest(CODE)).toMatchObject({
      registrationId: 'reg-1',
      status: 'requested',
    });
  });

  it('answers already, writing nothing, when the enterprise exists', async () => {
    const { ports, plan } = await codedCase();
    await ports.enterprises.register(plan);
    const again = { ...plan, event: { ...plan.event, id: 'other', seq: 2 } };
    expect(await ports.enterprises.register(again)).toBe('already');
    expect(ports.enterprises.outbox(CODE)).toHaveLength(1);
    expect(
      (await ports.registrations.get('reg-1'))!.timeline.filter((e) => e.step === 'registration'),
    ).toHaveLength(1);
  });

  it('throws, writing nothing, when the lock is not the reservation’s or the case cannot move', async () => {
    const { ports, plan } = await codedCase();
    const wrongLock = { ...plan, lock: { ...plan.lock, reservationId: 'another' } };
    await expect(ports.enterprises.register(wrongLock)).rejects.toThrow(/lock/);
    await ports.registrations.move('reg-1', move(T0, 'rejected'));
    await expect(ports.enterprises.register(plan)).rejects.toThrow(/not allowed/);
    expect(await ports.enterprises.get(CODE)).toBeUndefined();
    expect(ports.enterprises.outbox(CODE)).toEqual([]);
  });
});

describe('MemoryEnterpriseStore seeds and name corrections', () => {
  it('seeds once and takes one pending order at a time', async () => {
    const { ports, reg, res } = await checkingCase();
    const { enterprise } = registrationPlan(reg, res, CODE);
    await ports.enterprises.seed(enterprise);
    await ports.enterprises.seed({ ...enterprise, name: 'changed' });
    expect((await ports.enterprises.get(CODE))?.name).toBe(enterprise.name);
    const order = { orderedAt: T0.toISOString(), by: 'authority', reason: 'misleading' };
    const notice = nameCorrectionOrderedNotice(enterprise, order);
    expect(await ports.enterprises.orderNameCorrection(CODE, order, notice)).toBe(true);
    expect(ports.registry.notices.get(notice.id)).toMatchObject({ subject: { id: CODE } });
    ports.registry.notices.clear();
    expect(await ports.enterprises.orderNameCorrection(CODE, order, notice)).toBe(false);
    expect(ports.registry.notices.size).toBe(0);
    const corrected = { ...order, correctedAt: later(1).toISOString() };
    ports.registry.enterprises.get(CODE)!.nameCorrection = corrected;
    const again = { ...order, reason: 'again' };
    expect(
      await ports.enterprises.orderNameCorrection(
        CODE,
        again,
        nameCorrectionOrderedNotice(enterprise, again),
      ),
    ).toBe(true);
    expect(await ports.enterprises.orderNameCorrection('missing', order, notice)).toBe(false);
  });
});
