/**
 * A restart with work waiting: the server is ready before the executions left running are resumed (they
 * resume in the background, soonest deadline first), and every reservation whose period ended while the
 * platform was down is expired after the restart while the others keep waiting. States, not durations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, json, type Platform, startPlatform } from './platform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-restart-'));
const started: Platform[] = [];
afterAll(async () => {
  // A run that failed half-way still ends what it started (SIGTERM stops DynamoDB Local too).
  for (const p of started.filter((p) => p.child.exitCode === null && p.child.signalCode === null)) {
    process.kill(-p.child.pid!, 'SIGTERM');
    await p.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const TRADE = [...'青岚云帆澜沧北辰松石曜观砚田晨曦拾光'];
let made = 0;

async function reserve(platform: Platform, count: number) {
  const made_: { id: string; token: string; expiresAt: string }[] = [];
  for (let i = 0; i < count; i++, made++) {
    // Distinct trade names (no digits: a name is written in Chinese characters only).
    const a = TRADE[made % TRADE.length]!;
    const b = TRADE[Math.floor(made / TRADE.length) % TRADE.length]!;
    const sub = `restart-${made}`;
    const token = String(
      (await json(`${platform.url}/v1/dev/tokens`, 'POST', { role: 'applicant', sub })).body.token,
    );
    const r = await json(
      `${platform.url}/v1/names/reservations`,
      'POST',
      {
        name: `深圳市${a}${b}岫科技有限公司`,
        division: '440305',
        entityType: 'limited_liability_company',
      },
      token,
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    made_.push({ id: String(r.body.id), token, expiresAt: String(r.body.expiresAt) });
  }
  return made_;
}

async function stop(platform: Platform) {
  process.kill(-platform.child.pid!, 'SIGINT');
  expect(await platform.exited).toBe(0);
}

const statusOf = async (platform: Platform, r: { id: string; token: string }) =>
  (await json(`${platform.url}/v1/names/reservations/${r.id}`, 'GET', undefined, r.token)).body.status;

async function until(done: () => boolean | Promise<boolean>, what = ''): Promise<void> {
  for (let i = 0; i < 600 && !(await done()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(await done(), what).toBe(true);
}

describe('a restart with reservations waiting', () => {
  it('is ready before they resume, and settles the ones that expired while it was down', async () => {
    // One port throughout: the local issuer's name carries it, and the tokens made before must still hold.
    const base = { DATA_DIR: dataDir, PORT: String(await freePort()) };
    const start = async (period: string) => {
      const p = await startPlatform({ ...base, NAME_RESERVATION_PERIOD: period }, 'node', { ownGroup: true });
      started.push(p);
      return p;
    };

    const long = await start('P30D');
    const waiting = await reserve(long, 12);
    await stop(long);
    const short = await start('PT3S');
    const lapsing = await reserve(short, 12);
    await stop(short);
    // Down until every short reservation's period has ended.
    const last = Math.max(...lapsing.map((r) => Date.parse(r.expiresAt)));
    await until(() => Date.now() > last);

    const again = await start('PT3S');
    const banner = again.output().indexOf('Press Ctrl+C to stop.');
    await until(() => /Resumed 24 workflow execution\(s\)/.test(again.output()), again.output());
    // The server said it was ready before the resumption ended.
    expect(banner).toBeGreaterThanOrEqual(0);
    expect(banner).toBeLessThan(again.output().indexOf('Resumed 24 workflow execution(s)'));
    for (const r of lapsing)
      await until(
        async () => (await statusOf(again, r)) === 'expired',
        `${r.id}: ${await statusOf(again, r)}`,
      );
    for (const r of waiting) expect(await statusOf(again, r)).toBe('reserved');
    await stop(again);
  });
});
