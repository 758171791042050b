/**
 * `npm run bench:registration`: end-to-end registration latency on the local runtime, auto-approval path:
 * from POST /v1/registrations to the execution's last state (the case `registered`). Prints p50/p99 and
 * throughput, the storage round trips and state transitions per registration (every write on the path,
 * the notice included), and the floor: the sum of those round trips' single-call latencies measured
 * alone on the same engines in the same run (what this path cannot beat). It runs one at a time with
 * DynamoDB on disk (as `npm start` does) and in memory, then 4 at a time in memory; BENCH_STORAGE
 * (disk,memory) and BENCH_CONCURRENCY pick one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roundTripsByCommand } from '#adapters/clients';
import { type Runtime, startRuntime } from '#local/runtime';
import { application } from '../tests/unit/registration/fixtures.ts';
import { type Client, clientOf, reserveAll, standardNames, uploadMaterials } from './registration/cases.ts';
import { singleCallCosts } from './registration/floor.ts';

process.env.LOG_LEVEL ??= 'WARN';
process.env.NAME_RESERVATION_PREAPPROVAL_PERIOD ??= 'PT3600S';
const N = Number(process.env.BENCH_REGISTRATIONS ?? 60);
const WARM_UP = 5;
type Storage = 'disk' | 'memory';
const RUNS: { storage: Storage; concurrency: number }[] = process.env.BENCH_STORAGE
  ? (process.env.BENCH_STORAGE.split(',') as Storage[]).map((storage) => ({
      storage,
      concurrency: Number(process.env.BENCH_CONCURRENCY ?? 1),
    }))
  : [
      { storage: 'disk', concurrency: 1 },
      { storage: 'memory', concurrency: 1 },
      { storage: 'memory', concurrency: 4 },
    ];

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

console.log(
  `\nRegistration, auto-approval path, submit to registered (${new Date().toISOString()}, Node ${process.version}, 2 cores)\n`,
);
console.log(
  '| storage | registrations | concurrency | registrations/s | p50 ms | p99 ms | storage round trips | state transitions | floor ms | p50 / floor | failed |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const run of RUNS) await bench(run.storage, run.concurrency);

async function bench(storage: Storage, concurrency: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-reg-'));
  const runtime = await startRuntime({
    port: 0,
    dataDir,
    persistent: storage === 'disk',
    rateLimitPerSecond: 0,
    // The push's round trips would land in the registration's span; bench/push.ts measures the push.
    push: false,
  });
  try {
    const j = clientOf(runtime);
    const token = String((await j('POST', '/v1/dev/tokens', { role: 'applicant', sub: 'bench' })).token);
    const materials = await uploadMaterials(j, token);
    const reservations = await reserveAll(j, token, standardNames(N + WARM_UP));
    const register = registrar(runtime, j, token, materials);
    for (const id of reservations.slice(0, WARM_UP)) await register(id);
    const measured = await measure(register, reservations.slice(WARM_UP), concurrency);
    const costOf = await singleCallCosts();
    report(storage, concurrency, measured, costOf, await transitionsOf(runtime, measured.arns));
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One registration, timed from the POST to the state that makes it `registered` (RegisterEnterprise);
 * the license issued after it has its own figure (bench/license.ts). The storage round trips of that
 * span are counted too; the next registration starts once this execution has ended, so that one at a
 * time no other work is counted with it.
 */
function registrar(runtime: Runtime, j: Client, token: string, materials: string[]) {
  const executions = runtime.env.REGISTRATION_STATE_MACHINE_ARN!.replace(':stateMachine:', ':execution:');
  return async (reservationId: string) => {
    const before = roundTripsByCommand();
    const started = performance.now();
    const body = { ...application('limited_liability_company'), reservationId, materials };
    const r = await j('POST', '/v1/registrations', body, token);
    const arn = `${executions}:registration--${r.id}`;
    await Promise.race([runtime.engine.stateExited(arn, 'RegisterEnterprise'), runtime.engine.ended(arn)]);
    const ms = performance.now() - started;
    const trips = new Map<string, number>();
    for (const [k, v] of roundTripsByCommand()) trips.set(k, v - (before.get(k) ?? 0));
    await runtime.engine.ended(arn);
    return { ms, arn, trips, ok: (await runtime.engine.settled(arn)).status === 'SUCCEEDED' };
  };
}

async function measure(register: ReturnType<typeof registrar>, reservations: string[], concurrency: number) {
  const perCommand = new Map<string, number>();
  const latencies: number[] = [];
  const arns: string[] = [];
  let failed = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < reservations.length) {
        const r = await register(reservations[next++]!);
        latencies.push(r.ms);
        arns.push(r.arn);
        for (const [k, v] of r.trips) perCommand.set(k, (perCommand.get(k) ?? 0) + v);
        if (!r.ok) failed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  // Several in flight, a registration's span counts the others' calls too: the per-span sum is divided.
  for (const [k, v] of perCommand) perCommand.set(k, v / latencies.length / concurrency);
  return { latencies, arns, failed, seconds, perCommand };
}

/** State transitions from the start to RegisterEnterprise (the license's states after it are not counted). */
async function transitionsOf(runtime: Runtime, arns: string[]): Promise<number> {
  const counts = await Promise.all(
    arns.map(async (arn) => {
      const entered = (await runtime.engine.history(arn)).filter((e) => e.type.endsWith('StateEntered'));
      const last = entered.findIndex((e) => JSON.stringify(e).includes('"RegisterEnterprise"'));
      return last < 0 ? entered.length : last + 1;
    }),
  );
  return mean(counts);
}

function report(
  storage: Storage,
  concurrency: number,
  m: Awaited<ReturnType<typeof measure>>,
  costOf: (command: string) => number,
  transitions: number,
): void {
  const trips = [...m.perCommand.values()].reduce((a, b) => a + b, 0);
  const floor = [...m.perCommand].reduce((sum, [k, n]) => sum + n * costOf(k), 0);
  const p50 = percentile(m.latencies, 50);
  console.log(
    `| ${storage} | ${m.latencies.length} | ${concurrency} | ${(m.latencies.length / m.seconds).toFixed(1)} | ${p50.toFixed(0)} | ${percentile(m.latencies, 99).toFixed(0)} | ${trips.toFixed(1)} | ${transitions.toFixed(1)} | ${floor.toFixed(0)} | ${(p50 / floor).toFixed(2)} | ${m.failed} |`,
  );
  const kinds = [...m.perCommand].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  console.error(
    `  ${storage}, ${concurrency} in flight: ${kinds.map(([k, v]) => `${k.split(':')[1]?.replace('Command', '')} ${v.toFixed(2)} (${costOf(k).toFixed(2)} ms)`).join(', ')}`,
  );
}
