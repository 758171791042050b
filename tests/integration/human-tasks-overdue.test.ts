/**
 * Overdue human tasks, on the Dynamo adapter and its in-memory twin alike: listed from the first
 * deadline (an escalation's new deadline does not make a task less overdue), gone once closed.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DynamoHumanTaskStore } from '#adapters/dynamo-human-tasks';
import { MemoryHumanTaskStore } from '#adapters/memory/human-tasks';
import { newRegistry } from '#adapters/memory/registry';
import type { HumanTask } from '#domain/human-task';
import type { HumanTaskStore } from '#ports/human-tasks';
import { runtime } from './support.ts';

// Deadlines long past, so the platform's own tasks (all due later) sort after these.
const at = (day: number) => new Date(Date.UTC(2001, 0, day)).toISOString();

function task(deadline: string): Omit<HumanTask, 'status'> {
  const id = randomUUID();
  return {
    taskId: `t-${id}`,
    kind: 'review',
    registrationId: `r-${id}`,
    round: 0,
    queue: '440300',
    token: 'token',
    createdAt: at(1),
    deadline,
    subject: { name: '深圳市测试科技有限公司', entityType: 'limited_liability_company' },
  };
}

describe.each([
  {
    side: 'Dynamo adapter on DynamoDB Local',
    make: (): HumanTaskStore => {
      runtime();
      return new DynamoHumanTaskStore();
    },
  },
  { side: 'in-memory twin', make: (): HumanTaskStore => new MemoryHumanTaskStore(newRegistry()) },
])('overdue human tasks: $side', ({ make }) => {
  it('lists open tasks past their first deadline, most overdue first, until they are closed', async () => {
    const store = make();
    const first = task(at(3));
    const second = task(at(5));
    const notYet = task(at(20));
    for (const t of [second, first, notYet]) await store.open(t);
    const ours = async (now: string) =>
      (await store.listOverdue(new Date(now), undefined, 100)).items
        .map((t) => t.taskId)
        .filter((id) => [first, second, notYet].some((t) => t.taskId === id));

    expect(await ours(at(10))).toEqual([first.taskId, second.taskId]);
    await store.open({ ...first, deadline: at(25) }); // escalated: the supervisors wait until day 25
    expect(await ours(at(10))).toEqual([first.taskId, second.taskId]);
    expect((await store.get(first.taskId))?.deadline).toBe(at(25));
    expect(await store.close(first.taskId, 'approve', new Date(at(11)))).toBe(true);
    expect(await ours(at(30))).toEqual([second.taskId, notYet.taskId]);
  });
});
