/**
 * Every log line a workflow task writes carries its task and execution (functions/tasks/task.ts), the use
 * case's and the adapters' lines too, and only its own: the local runtime runs many executions' tasks at
 * once in one process.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { logger } from '#adapters/logger';
import { taskHandler } from '#tasks/task';

let lines: Record<string, unknown>[] = [];

function capture(stream: NodeJS.WriteStream) {
  const write = stream.write.bind(stream);
  return vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith('{')) {
      lines.push(JSON.parse(text) as Record<string, unknown>);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stream.write);
}

const probe = taskHandler(
  'Probe',
  z.object({ wait: z.number(), fail: z.boolean() }),
  async ({ wait, fail }) => {
    logger.info('probe started', { wait });
    await sleep(wait);
    logger.info('probe ended', { wait });
    if (fail) throw new Error('probe broke');
    return { wait };
  },
);

describe('taskHandler logging', () => {
  beforeEach(() => {
    lines = [];
    logger.setLogLevel('DEBUG');
    capture(process.stdout);
    capture(process.stderr);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    logger.setLogLevel((process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO');
  });

  it('stamps the execution on every line of its task, even with other executions running at once', async () => {
    await Promise.all([
      probe({ executionName: 'registration--slow', wait: 20, fail: false }),
      probe({ executionName: 'registration--fast', wait: 1, fail: false }),
    ]);
    const probes = lines.filter((l) => String(l.message).startsWith('probe'));
    expect(probes).toHaveLength(4);
    for (const line of probes) {
      expect(line.task).toBe('Probe');
      expect(line.executionName).toBe(line.wait === 20 ? 'registration--slow' : 'registration--fast');
    }
    logger.info('outside any task');
    expect(lines.at(-1)).not.toHaveProperty('executionName');
  });

  it('names the execution on the line that reports a failed task', async () => {
    await expect(probe({ executionName: 'registration--broken', wait: 0, fail: true })).rejects.toThrow(
      'probe broke',
    );
    expect(lines.find((l) => l.message === 'task failed')).toMatchObject({
      level: 'ERROR',
      task: 'Probe',
      executionName: 'registration--broken',
      errorName: 'Error',
    });
  });
});
