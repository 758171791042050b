/**
 * `npm run bench:names`: the name check at 10,000, 100,000 and 500,000 existing names in one authority's
 * scope each (Hangzhou, Guangzhou, Shenzhen), side by side in one DynamoDB Local, over the local HTTP
 * server. Prints p50/p99, throughput and storage round trips per check for each size, the ratio of p50 at
 * 500,000 to p50 at 10,000, and how long loading took.
 *
 * BENCH_SIZES=10000,100000,500000 picks the sizes; BENCH_DATA_DIR keeps the corpus on disk between runs
 * (loaded once; DynamoDB Local writes to disk far slower than to memory), otherwise it lives in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roundTrips } from '#adapters/clients';
import { startRuntime } from '#local/runtime';
import { load } from './http-load.ts';

process.env.LOG_LEVEL ??= 'WARN';
const SCOPES = ['330100', '440100', '440300'];
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,500000').split(',').map(Number);
const CHECKS = Number(process.env.BENCH_CHECKS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const kept = process.env.BENCH_DATA_DIR;
const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'registry-bench-names-'));
const corpus = sizes.map((count, i) => ({ division: SCOPES[i]!, count }));
const label = `bench-${corpus.map((c) => `${c.division}x${c.count}`).join('-')}`;

const runtime = await startRuntime({ port: 0, dataDir, persistent: Boolean(kept), rateLimitPerSecond: 0 });
const { generateNames } = await import('#local/name-corpus');
const { loadNames, loadedCorpus } = await import('#local/bulk-names');
const trips = () => Object.values(roundTrips()).reduce((a, b) => a + b, 0);

try {
  let loaded = await loadedCorpus(label);
  if (loaded) {
    console.log(`Corpus ${label} already in ${dataDir} (loaded earlier in ${loaded.seconds.toFixed(0)} s).`);
  } else {
    console.log(
      `Generating and loading ${corpus.map((c) => `${c.count} names in ${c.division}`).join(', ')} …`,
    );
    function* all() {
      for (const c of corpus) yield* generateNames(c.division, c.count, 11);
    }
    loaded = await loadNames(all(), label, (done, total) =>
      process.stdout.write(`\r  ${done} / ${total} items written`),
    );
    console.log('');
  }
  const rows: { size: number; p50: number; line: string }[] = [];
  for (const c of corpus) {
    // Fresh names from another seed (mostly available, some similar) and existing ones (unavailable).
    const fresh = [...generateNames(c.division, CHECKS, 97)].map((n) => n.name);
    const existing = [...generateNames(c.division, Math.ceil(CHECKS / 10), 11)].map((n) => n.name);
    const names = fresh.map((n, i) => (i % 10 === 0 ? existing[i / 10]! : n));
    const request = (i: number) => ({
      url: `${runtime.url}/v1/names/check`,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: names[i % names.length], division: c.division }),
      },
    });
    await load(request, { requests: 300, concurrency: CONCURRENCY });
    const before = trips();
    const r = await load(request, { requests: CHECKS, concurrency: CONCURRENCY });
    const perCheck = (trips() - before) / r.requests;
    rows.push({
      size: c.count,
      p50: r.p50,
      line: `| ${c.count.toLocaleString('en')} | ${c.division} | ${r.requests} | ${CONCURRENCY} | ${r.throughput.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${perCheck.toFixed(2)} | ${JSON.stringify(r.statuses)} |`,
    });
  }
  console.log(
    `\nName check against existing names (${new Date().toISOString()}, Node ${process.version}, 2 cores, DynamoDB Local ${kept ? 'on disk' : 'in memory'})\n`,
  );
  console.log(
    '| names in scope | scope | checks | concurrency | checks/s | p50 ms | p99 ms | storage round trips/check | statuses |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row.line);
  const small = rows.find((r) => r.size === Math.min(...sizes));
  const large = rows.find((r) => r.size === Math.max(...sizes));
  if (small && large && small !== large)
    console.log(
      `\np50 at ${large.size.toLocaleString('en')} / p50 at ${small.size.toLocaleString('en')}: ${(large.p50 / small.p50).toFixed(2)}`,
    );
  console.log(
    `Loading: ${loaded.names} names as ${loaded.items} items (${loaded.lockItems} name locks, ${loaded.indexItems} index entries) in ${loaded.seconds.toFixed(1)} s.`,
  );
} finally {
  await runtime.stop();
  if (!kept) rmSync(dataDir, { recursive: true, force: true });
}
