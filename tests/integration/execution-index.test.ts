/**
 * One conformance suite for the execution index, against the Dynamo adapter on the runtime's DynamoDB
 * Local and against its in-memory twin. Each test names its own workflow and authority, so the counters
 * the running platform keeps beside them do not mix in.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoExecutionIndex } from '#adapters/dynamo-executions';
import { MemoryExecutionIndex } from '#adapters/memory/executions';
import type { ExecutionEntry } from '#domain/ops/execution-index';
import type { ExecutionIndex } from '#ports/executions';
import { runtime } from './support.ts';

const T0 = Date.parse('2026-11-20T08:30:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function fresh() {
  const workflow = `wf-${randomUUID().slice(0, 8)}`;
  const entry = (name: string, minutes: number, more: Partial<ExecutionEntry> = {}): ExecutionEntry => ({
    name: `${workflow}--${name}`,
    workflow,
    status: 'RUNNING',
    startedAt: iso(minutes),
    redriveCount: 0,
    subjects: [`${workflow}-${name}`],
    ...more,
  });
  return { workflow, entry };
}

describe.each([
  {
    side: 'Dynamo adapter on DynamoDB Local',
    make: (): ExecutionIndex => {
      runtime();
      return new DynamoExecutionIndex();
    },
  },
  { side: 'in-memory twin', make: (): ExecutionIndex => new MemoryExecutionIndex() },
])('execution index: $side', ({ make }) => {
  let index: ExecutionIndex;
  beforeAll(() => {
    index = make();
  });

  it('counts each real change once, whatever the order and however often it arrives', async () => {
    const { workflow, entry } = fresh();
    const start = entry('a', 0);
    const end = entry('a', 0, {
      status: 'FAILED',
      stoppedAt: iso(70),
      error: { error: 'States.TaskFailed' },
    });
    expect(await index.apply(end)).toBe(true); // the end first: EventBridge keeps no order
    expect(await index.apply(start)).toBe(false); // the late start changes nothing
    expect(await index.apply(end)).toBe(false); // nor does a repeat
    expect(await index.apply(entry('b', 5))).toBe(true);
    expect((await index.counts())[workflow]).toMatchObject({ FAILED: 1, RUNNING: 1 });
    expect(await index.get(start.name)).toMatchObject({ status: 'FAILED', stoppedAt: iso(70) });

    const hours = await index.hourly('2026-11-20T08', '2026-11-20T09');
    expect(hours.filter((h) => h.workflow === workflow).sort((x, y) => (x.hour < y.hour ? -1 : 1))).toEqual([
      { hour: '2026-11-20T08', workflow, started: 2, succeeded: 0, failed: 0 },
      { hour: '2026-11-20T09', workflow, started: 0, succeeded: 0, failed: 1 },
    ]);
  });

  it('runs a redriven execution again: FAILED → RUNNING → SUCCEEDED, with its issuance counted once', async () => {
    const { workflow, entry } = fresh();
    const authority = String(100000 + Math.floor(Math.random() * 800000));
    const issuance = { authority, onTheSpot: true };
    await index.apply(entry('r', 0));
    await index.apply(entry('r', 0, { status: 'FAILED', stoppedAt: iso(1) }));
    expect(await index.apply(entry('r', 0, { redriveCount: 1 }))).toBe(true);
    expect((await index.counts())[workflow]).toMatchObject({ FAILED: 0, RUNNING: 1 });
    const done = entry('r', 0, {
      status: 'SUCCEEDED',
      stoppedAt: iso(2),
      redriveCount: 1,
      issuance,
      outcome: 'licensed',
    });
    expect(await index.apply(done)).toBe(true);
    expect(await index.apply(done)).toBe(false);
    expect((await index.counts())[workflow]).toMatchObject({ FAILED: 0, RUNNING: 0, SUCCEEDED: 1 });
    expect((await index.issuance()).find((i) => i.authority === authority)).toEqual({
      authority,
      decided: 1,
      onTheSpot: 1,
    });
    expect(await index.get(done.name)).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
      outcome: 'licensed',
    });
  });

  it('lists newest first, by status and start window, continuing before the last shown', async () => {
    const { workflow, entry } = fresh();
    for (let i = 0; i < 5; i++)
      await index.apply(entry(`e${i}`, i, i % 2 ? { status: 'SUCCEEDED', stoppedAt: iso(i + 1) } : {}));
    const first = await index.list({ workflow }, 2);
    expect(first.items.map((e) => e.name)).toEqual([`${workflow}--e4`, `${workflow}--e3`]);
    expect(first.more).toBe(true);
    const next = await index.list({ workflow, before: `${iso(3)}#${workflow}--e3` }, 10);
    expect(next.items.map((e) => e.name)).toEqual([`${workflow}--e2`, `${workflow}--e1`, `${workflow}--e0`]);
    expect(next.more).toBe(false);
    const done = await index.list({ workflow, status: 'SUCCEEDED' }, 10);
    expect(done.items.map((e) => e.name)).toEqual([`${workflow}--e3`, `${workflow}--e1`]);
    const window = await index.list({ workflow, from: iso(1), to: iso(3) }, 10);
    expect(window.items.map((e) => e.name)).toEqual([`${workflow}--e2`, `${workflow}--e1`]);
  });

  it('finds executions by every subject they worked on, the ones learnt at the end included', async () => {
    const { entry } = fresh();
    const code = `91${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    await index.apply(entry('s', 0));
    await index.apply(entry('s', 0, { status: 'SUCCEEDED', stoppedAt: iso(1), subjects: [code] }));
    const found = await index.bySubject(code, 10);
    expect(found).toHaveLength(1);
    expect(found[0]?.subjects).toEqual(expect.arrayContaining([code]));
    expect(await index.bySubject(`nobody-${code}`, 10)).toEqual([]);
  });

  it('two workers applying the same changes at once count them once', async () => {
    const { workflow, entry } = fresh();
    const changes = [entry('c', 0), entry('c', 0, { status: 'SUCCEEDED', stoppedAt: iso(1) })];
    const results = await Promise.all([...changes, ...changes].map((c) => index.apply(c)));
    expect(results.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect((await index.counts())[workflow]).toMatchObject({ SUCCEEDED: 1 });
    expect((await index.counts())[workflow]?.RUNNING ?? 0).toBe(0);
  });
});
