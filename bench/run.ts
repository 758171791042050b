/**
 * `npm run bench`: the hot public paths over the local HTTP server on the embedded engines, with
 * throughput, p50/p99 latency and storage round trips per request (counted by the SDK clients).
 * The load runs in the same process as the server on this 2-core machine, so the figures include the
 * load generator's own cost: they are a floor for what a separate client would see.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roundTrips } from '#adapters/clients';
import { startRuntime } from '#local/runtime';
import { load } from './http-load.ts';

process.env.LOG_LEVEL ??= 'WARN';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const dataDir = mkdtempSync(join(tmpdir(), 'registry-bench-'));
const runtime = await startRuntime({ port: 0, dataDir, persistent: false, rateLimitPerSecond: 0 });
const total = () => Object.values(roundTrips()).reduce((a, b) => a + b, 0);

const TRADE = ['青岚', '云帆', '澜沧', '北辰', '松石', '曜石', '观澜', '砚田', '晨曦', '拾光'];
const INDUSTRY = ['科技', '商贸', '餐饮管理', '文化传媒', '建筑工程'];

const cases = {
  'POST /v1/names/check': (i: number) => ({
    url: `${runtime.url}/v1/names/check`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `深圳市${TRADE[i % TRADE.length]}${TRADE[(i >> 3) % TRADE.length]}${INDUSTRY[i % INDUSTRY.length]}有限公司`,
        division: '440305',
      }),
    },
  }),
  'GET /v1/credit-codes/{code}/check': (i: number) => ({
    url: `${runtime.url}/v1/credit-codes/${['914403001922038216', '9144030071526726XG', '91330100716105852F', '91110108551385082X'][i % 4]}/check`,
  }),
};

const rows: string[] = [];
try {
  for (const [name, make] of Object.entries(cases)) {
    await load(make, { requests: 200, concurrency: CONCURRENCY }); // warm up: JIT, connections, module caches
    const before = total();
    const r = await load(make, { requests: REQUESTS, concurrency: CONCURRENCY });
    const trips = (total() - before) / r.requests;
    rows.push(
      `| ${name} | ${r.requests} | ${CONCURRENCY} | ${r.throughput.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${trips.toFixed(2)} | ${JSON.stringify(r.statuses)} |`,
    );
  }
  console.log(
    `\nLocal HTTP server on embedded engines (${new Date().toISOString()}, Node ${process.version}, 2 cores)\n`,
  );
  console.log(
    '| route | requests | concurrency | req/s | p50 ms | p99 ms | storage round trips/request | statuses |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  await runtime.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
