/**
 * Stopping `npm start` the ways a user does: Ctrl+C in a terminal signals the whole process group
 * (DynamoDB Local's Java included, unless it has a group of its own), and a service manager sends SIGTERM
 * to the process. Either way: exit 0, one line, no error on stderr, no pid file, no engine left running.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, json, startPlatform } from './platform.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function runAndStop(signal: NodeJS.Signals, to: 'group' | 'process') {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-stop-'));
  dirs.push(dataDir);
  const platform = await startPlatform(
    { PORT: String(await freePort()), DATA_DIR: dataDir, NAME_RESERVATION_PERIOD: 'PT1H' },
    'node',
    { ownGroup: true },
  );
  // A workflow waiting on a timer, so the stop has something to suspend and a log to flush.
  const token = String(
    (await json(`${platform.url}/v1/dev/tokens`, 'POST', { role: 'applicant', sub: 'stop' })).body.token,
  );
  const reserved = await json(
    `${platform.url}/v1/names/reservations`,
    'POST',
    { name: '深圳市砚田拾光科技有限公司', division: '440305', entityType: 'limited_liability_company' },
    token,
  );
  expect(reserved.status).toBe(201);
  const enginePid = Number(readFileSync(join(dataDir, 'dynamodb.pid'), 'utf8'));
  const pid = platform.child.pid!;
  process.kill(to === 'group' ? -pid : pid, signal);
  const code = await platform.exited;
  return { code, platform, dataDir, enginePid };
}

function expectClean({ code, platform, dataDir, enginePid }: Awaited<ReturnType<typeof runAndStop>>) {
  expect(code).toBe(0);
  expect(platform.output().match(/stopping; running workflows are kept/g)).toHaveLength(1);
  expect(platform.errors()).not.toMatch(/error|ECONNREFUSED|unhandled|uncaught/i);
  expect(existsSync(join(dataDir, 'runtime.pid'))).toBe(false);
  expect(existsSync(join(dataDir, 'dynamodb.pid'))).toBe(false);
  expect(alive(enginePid)).toBe(false);
}

describe('stopping the platform', () => {
  it('stops cleanly on SIGINT to its whole process group (Ctrl+C in a terminal)', async () => {
    expectClean(await runAndStop('SIGINT', 'group'));
  });

  it('stops cleanly on SIGTERM to the process', async () => {
    expectClean(await runAndStop('SIGTERM', 'process'));
  });

  it('stops cleanly on SIGTERM to its whole process group', async () => {
    expectClean(await runAndStop('SIGTERM', 'group'));
  });
});
