import { describe, expect, it } from 'vitest';
import { disclose, orderNameCorrection } from '#app/enterprises/enterprises';
import { applyRules } from '#app/names/check-name';
import { searchNames } from '#app/names/search-names';
import type { EnterpriseRecord } from '#domain/enterprise';
import { ConflictError, NotFoundError } from '#domain/errors';
import { indexEntriesOf, memberOf } from '#domain/names/index-entries';
import { examiner, freshPorts, T0 } from '../support.ts';

const CODE = '91440300MA5G000011';
const enterprise: EnterpriseRecord = {
  creditCode: CODE,
  name: '深圳市青云科技有限公司',
  entityType: 'limited_liability_company',
  status: 'active',
  establishedOn: '2026-03-16',
  registrationAuthority: '440305',
  registrationId: 'reg-1',
  ownerSub: 'alice',
  eventSeq: 1,
};

async function seeded() {
  const ports = freshPorts();
  await ports.enterprises.seed(enterprise);
  return ports;
}

describe('disclose', () => {
  it('shows an enterprise by its name, and 404 for an unknown code', async () => {
    const ports = await seeded();
    expect(await disclose(ports, CODE)).toEqual({
      creditCode: CODE,
      name: enterprise.name,
      entityType: 'limited_liability_company',
      status: 'active',
      establishedOn: '2026-03-16',
      registrationAuthority: '440305',
      nameCorrectionPending: false,
    });
    await expect(disclose(ports, '91440300MA5G000022')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('orderNameCorrection', () => {
  it('shows the enterprise by its code while the correction is pending', async () => {
    const ports = await seeded();
    const shown = await orderNameCorrection(ports, examiner, CODE, '名称含有误导性内容');
    expect(shown).toMatchObject({ name: CODE, nameCorrectionPending: true });
    expect(await disclose(ports, CODE)).toMatchObject({ name: CODE, nameCorrectionPending: true });
    expect((await ports.enterprises.get(CODE))?.nameCorrection).toEqual({
      orderedAt: T0.toISOString(),
      by: 'examiner-1',
      reason: '名称含有误导性内容',
    });
  });

  it('tells the owner, with the reason, once per order', async () => {
    const ports = await seeded();
    await orderNameCorrection(ports, examiner, CODE, '名称含有误导性内容');
    await expect(orderNameCorrection(ports, examiner, CODE, '第二次')).rejects.toBeInstanceOf(ConflictError);
    const notices = await ports.notifications.listOwned({ sub: 'alice' }, undefined, 10);
    expect(notices.items).toEqual([
      {
        id: `enterprise.name-correction-ordered:${CODE}:${T0.toISOString()}`,
        kind: 'enterprise.name_correction_ordered',
        subject: { type: 'enterprise', id: CODE },
        message: expect.stringContaining('名称含有误导性内容'),
        messageEn: expect.stringContaining('名称含有误导性内容'),
        at: T0.toISOString(),
        ownerSub: 'alice',
      },
    ]);
  });

  it('answers a second order while one is pending with 409', async () => {
    const ports = await seeded();
    await orderNameCorrection(ports, examiner, CODE, '第一次');
    const again = orderNameCorrection(ports, examiner, CODE, '第二次');
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toMatchObject({ code: 'correction-pending' });
    expect((await ports.enterprises.get(CODE))?.nameCorrection?.reason).toBe('第一次');
  });

  it('answers 404 to an examiner of another authority', async () => {
    const ports = await seeded();
    const elsewhere = { sub: 'e', role: 'examiner' as const, authority: '110105' };
    await expect(orderNameCorrection(ports, elsewhere, CODE, 'x')).rejects.toBeInstanceOf(NotFoundError);
    expect((await ports.enterprises.get(CODE))?.nameCorrection).toBeUndefined();
  });
});

describe('a name correction in the public search', () => {
  it('shows the enterprise by its credit code, as the disclosure does', async () => {
    const ports = await seeded();
    const rules = applyRules(enterprise.name, '440305');
    await ports.nameIndex.add(
      rules.scope,
      memberOf(CODE, enterprise.name, rules.parts, 'registered', { creditCode: CODE }),
      indexEntriesOf(rules.parts),
    );
    expect((await searchNames(ports, '青云', 10, undefined)).items.map((m) => m.name)).toEqual([
      enterprise.name,
    ]);
    await orderNameCorrection(ports, examiner, CODE, '名称含有误导性内容');
    const found = await searchNames(ports, '青云', 10, undefined);
    expect(found.items.map((m) => ({ name: m.name, creditCode: m.creditCode }))).toEqual([
      { name: CODE, creditCode: CODE },
    ]);
  });
});
