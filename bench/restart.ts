/**
 * `npm run bench` (restart): how long `npm start` takes to answer a healthy /healthz with work waiting, and
 * what it holds in memory. For each count of waiting name reservations (BENCH_RESTART_COUNTS, default
 * 0,1000,10000) the reservations are written through the app layer (reserveName, each starting its
 * workflow, which then waits for months), the runtime is stopped, and `npm start`'s own command is started
 * on that data directory and timed: to a healthy /healthz, and to the line saying every execution left
 * running is back in its wait. Memory is VmRSS from /proc of the node process and of DynamoDB Local's Java.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reserveName } from '#app/names/reservations';
import { freePort } from '#local/engines/ports';
import { generateNames } from '#local/name-corpus';
import { localPorts } from '#local/ports';
import { startRuntime } from '#local/runtime';

process.env.LOG_LEVEL ??= 'WARN';
const counts = (process.env.BENCH_RESTART_COUNTS ?? '0,1000,10000').split(',').map(Number);
const CONCURRENCY = 16;
const root = join(import.meta.dirname, '..');

const rssMb = (pid: number | undefined) => {
  if (!pid) return Number.NaN;
  const line = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Number(line[1]) / 1024 : Number.NaN;
};

async function fill(dataDir: string, count: number): Promise<{ made: number; seconds: number }> {
  const started = Date.now();
  const runtime = await startRuntime({ port: 0, dataDir, persistent: true, rateLimitPerSecond: 0 });
  try {
    const ports = localPorts(join(dataDir, 'keys', 'sealing-key'));
    const names = [...generateNames('440300', count, 23)];
    let next = 0;
    let made = 0;
    const worker = async () => {
      while (next < names.length) {
        const i = next++;
        const caller = { sub: `bench-${i}`, role: 'applicant' as const };
        await reserveName(ports, caller, {
          name: names[i]!.name,
          division: '440300',
          entityType: 'limited_liability_company',
          preApprovalRequired: false,
        }).then(
          () => made++,
          () => undefined, // a name refused as similar to one made before is one fewer, not a failure
        );
        if (i % 500 === 0) process.stdout.write(`\r  ${i} / ${count} reserved`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    // Let the workflows reach their waits, as after a day of use (the stop keeps them RUNNING either way).
    await new Promise((r) => setTimeout(r, 3000));
    await runtime.stop();
    return { made, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await runtime.stop();
    throw error;
  }
}

async function healthy(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error('the platform exited while starting');
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function restart(dataDir: string, waiting: number) {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  await healthy(`http://127.0.0.1:${port}`, child);
  const readyMs = Date.now() - started;
  const enginePid = Number(readFileSync(join(dataDir, 'dynamodb.pid'), 'utf8'));
  const atReady = { node: rssMb(child.pid), java: rssMb(enginePid) };
  let resumedMs = 0;
  while (waiting > 0 && !/Resumed \d+/.test(output) && Date.now() - started < 600_000)
    await new Promise((r) => setTimeout(r, 50));
  if (/Resumed \d+/.test(output)) resumedMs = Date.now() - started;
  const resumed = { node: rssMb(child.pid), java: rssMb(enginePid) };
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  return { readyMs, resumedMs, atReady, resumed };
}

const rows: string[] = [];
let emptyMs = 0;
for (const count of counts) {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-restart-'));
  try {
    console.log(`Restart with ${count} reservations waiting …`);
    // Every size starts from a data directory made the same way: only the waiting work differs.
    const filled = await fill(dataDir, count);
    if (count) console.log(`\r  ${filled.made} reserved and waiting in ${filled.seconds.toFixed(0)} s`);
    const r = await restart(dataDir, filled.made);
    if (count === 0) emptyMs = r.readyMs;
    const ratio = emptyMs ? ` (${(r.readyMs / emptyMs).toFixed(2)}x empty)` : '';
    rows.push(
      `${String(filled.made).padStart(6)} waiting: healthy in ${r.readyMs} ms${ratio}; all resumed at ${r.resumedMs || r.readyMs} ms; ` +
        `RSS node ${r.atReady.node.toFixed(0)} MB, DynamoDB Local ${r.atReady.java.toFixed(0)} MB at ready; ` +
        `node ${r.resumed.node.toFixed(0)} MB, DynamoDB Local ${r.resumed.java.toFixed(0)} MB once resumed`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(`\nRestart of npm start with reservations waiting:\n${rows.join('\n')}`);
