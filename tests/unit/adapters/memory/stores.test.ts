import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import type { BankIntake } from '#domain/bank-intake';
import type { HumanTask } from '#domain/human-task';
import type { MaterialRecord } from '#domain/material';
import type { Notice } from '#domain/notices';
import { later, T0 } from './fixtures.ts';

const task = (taskId: string, extra: Partial<HumanTask> = {}): Omit<HumanTask, 'status'> => ({
  taskId,
  kind: 'review',
  registrationId: 'reg-1',
  round: 1,
  queue: '440300',
  token: 'token-1',
  createdAt: T0.toISOString(),
  deadline: later(1000).toISOString(),
  subject: { name: '星河', entityType: 'limited_liability_company' },
  ...extra,
});

describe('MemoryHumanTaskStore', () => {
  it('reopens an open task with its new token and deadline, keeping assignee, escalation and place', async () => {
    const { humanTasks } = memoryPorts();
    await humanTasks.open(task('t1'));
    await humanTasks.update('t1', 'assignee', 'examiner-1');
    await humanTasks.update('t1', 'escalatedAt', T0.toISOString());
    await humanTasks.open(
      task('t1', { token: 'token-2', createdAt: later(5).toISOString(), deadline: undefined }),
    );
    const got = await humanTasks.get('t1');
    expect(got).toMatchObject({
      token: 'token-2',
      assignee: 'examiner-1',
      createdAt: T0.toISOString(),
      status: 'open',
    });
    expect(got).not.toHaveProperty('deadline');
  });

  it('closes once, then refuses updates and reopening', async () => {
    const { humanTasks } = memoryPorts();
    await humanTasks.open(task('t1'));
    expect(await humanTasks.close('t1', 'approve', T0)).toBe(true);
    expect(await humanTasks.close('t1', 'reject', T0)).toBe(false);
    expect(await humanTasks.update('t1', 'assignee', 'x')).toBe(false);
    expect(await humanTasks.get('t1')).toMatchObject({ status: 'done', decision: 'approve' });
    await expect(humanTasks.open(task('t1'))).rejects.toThrow(/done/);
  });

  it('lists a queue’s open tasks oldest first, page by page', async () => {
    const { humanTasks } = memoryPorts();
    for (let i = 0; i < 3; i++) await humanTasks.open(task(`t${i}`, { createdAt: later(i).toISOString() }));
    await humanTasks.open(task('other-queue', { queue: '110000' }));
    await humanTasks.open(task('supplement', { kind: 'supplement' }));
    await humanTasks.close('t1', 'approve', T0);
    const first = await humanTasks.listOpen('review', '440300', undefined, 1);
    expect(first.items.map((t) => t.taskId)).toEqual(['t0']);
    const rest = await humanTasks.listOpen('review', '440300', first.nextCursor!, 5);
    expect(rest).toMatchObject({ items: [{ taskId: 't2' }], nextCursor: null });
  });
});

const intake = (id: string, createdAt: string): BankIntake => ({
  id,
  branchId: 'b1',
  clerkSub: 'clerk',
  applicant: {
    name: '张伟',
    idType: 'resident_id',
    idNumberMasked: '4403****001X',
    idHash: 'h',
    phoneMasked: '138****8000',
  },
  consent: { given: true, at: createdAt },
  status: 'received',
  custody: [],
  createdAt,
});

describe('MemoryBankIntakeStore', () => {
  it('records custody only from the expected status', async () => {
    const { bankIntakes } = memoryPorts();
    await bankIntakes.create(intake('i1', T0.toISOString()));
    await expect(bankIntakes.create(intake('i1', T0.toISOString()))).rejects.toThrow(/exists/);
    const submitted = {
      event: 'submitted' as const,
      by: 'clerk',
      at: T0.toISOString(),
      registrationId: 'reg-1',
    };
    expect(
      await bankIntakes.record('i1', 'received', 'submitted', submitted, { registrationId: 'reg-1' }),
    ).toBe(true);
    expect(await bankIntakes.record('i1', 'received', 'submitted', submitted)).toBe(false);
    expect(await bankIntakes.get('i1')).toMatchObject({
      status: 'submitted',
      registrationId: 'reg-1',
      custody: [submitted],
    });
  });

  it('lists a branch’s intakes newest first', async () => {
    const { bankIntakes } = memoryPorts();
    for (let i = 0; i < 3; i++) await bankIntakes.create(intake(`i${i}`, later(i).toISOString()));
    await bankIntakes.create({ ...intake('elsewhere', T0.toISOString()), branchId: 'b2' });
    const first = await bankIntakes.listForBranch('b1', undefined, 2);
    expect(first.items.map((i) => i.id)).toEqual(['i2', 'i1']);
    expect((await bankIntakes.listForBranch('b1', first.nextCursor!, 2)).items.map((i) => i.id)).toEqual([
      'i0',
    ]);
  });
});

const material = (id: string): MaterialRecord => ({
  id,
  kind: 'articles',
  fileName: 'a.pdf',
  contentType: 'application/pdf',
  size: 3,
  sha256: 'abc',
  status: 'pending',
  ownerSub: 'user-1',
  channel: 'online',
  createdAt: T0.toISOString(),
  uploadExpiresAt: later(900_000).toISOString(),
});

describe('MemoryMaterialStore', () => {
  it('never overwrites, reads many, and verifies pending records once', async () => {
    const { materials } = memoryPorts();
    await materials.create(material('m1'));
    await materials.create(material('m2'));
    await expect(materials.create(material('m1'))).rejects.toThrow(/exists/);
    await materials.markVerified(['m1', 'missing'], T0);
    await materials.markVerified(['m1', 'm2'], later(1));
    const found = await materials.getMany(['m1', 'm2', 'missing']);
    expect([...found.keys()]).toEqual(['m1', 'm2']);
    expect(found.get('m1')).toMatchObject({ status: 'verified', verifiedAt: T0.toISOString() });
    expect(found.get('m2')).toMatchObject({ status: 'verified', verifiedAt: later(1).toISOString() });
  });
});

const notice = (
  id: string,
  at: Date,
  owner: { ownerSub: string; ownerIdHash?: string } = { ownerSub: 'user-1' },
): Notice => ({
  id,
  kind: 'registration.registered',
  subject: { type: 'registration', id: 'reg-1' },
  message: '已完成',
  messageEn: 'done',
  at: at.toISOString(),
  ...owner,
});

describe('MemoryNotificationStore', () => {
  it('notifies once per id and lists the owner’s newest first', async () => {
    const { notifications } = memoryPorts();
    expect(await notifications.notify(notice('n1', T0))).toBe(true);
    expect(await notifications.notify(notice('n1', later(9)))).toBe(false);
    await notifications.notify(notice('n2', later(1)));
    await notifications.notify(notice('n3', later(2), { ownerSub: 'x', ownerIdHash: 'person' }));
    const mine = await notifications.listOwned({ sub: 'user-1', idHash: 'person' }, undefined, 10);
    expect(mine.items.map((n) => n.id)).toEqual(['n3', 'n2', 'n1']);
    expect(mine.items[2]?.at).toBe(T0.toISOString());
  });
});

describe('MemoryIdempotencyStore', () => {
  const response = { statusCode: 201, body: '{}', headers: { 'content-type': 'application/json' } };

  it('claims, reports in progress and mismatches, then replays the completed response', async () => {
    const { idempotency } = memoryPorts();
    expect(await idempotency.claim('k', 'h1', T0)).toEqual({ state: 'claimed' });
    expect(await idempotency.claim('k', 'h1', later(30_000))).toEqual({ state: 'in_progress' });
    expect(await idempotency.claim('k', 'h2', later(30_000))).toEqual({ state: 'mismatch' });
    await idempotency.complete('k', response, later(40_000));
    expect(await idempotency.claim('k', 'h1', later(120_000))).toEqual({ state: 'completed', response });
    expect(await idempotency.claim('k', 'h2', later(120_000))).toEqual({ state: 'mismatch' });
  });

  it('lets a claim older than 60 s be taken over, and a record older than 24 h be reused', async () => {
    const { idempotency } = memoryPorts();
    await idempotency.claim('k', 'h1', T0);
    expect(await idempotency.claim('k', 'h1', later(60_000))).toEqual({ state: 'in_progress' });
    expect(await idempotency.claim('k', 'h2', later(61_000))).toEqual({ state: 'claimed' });
    await idempotency.complete('k', response, later(61_000));
    expect(await idempotency.claim('k', 'h3', later(61_000 + 86_400_000))).toEqual({ state: 'mismatch' });
    expect(await idempotency.claim('k', 'h3', later(62_000 + 86_400_000))).toEqual({ state: 'claimed' });
  });

  it('frees an abandoned key', async () => {
    const { idempotency } = memoryPorts();
    await idempotency.claim('k', 'h1', T0);
    await idempotency.abandon('k');
    expect(await idempotency.claim('k', 'h2', T0)).toEqual({ state: 'claimed' });
  });
});
