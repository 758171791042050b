/**
 * `npm run seed:names -- --count 10000 [--division 440300] [--seed 7]`: generates a deterministic corpus of
 * registered names for one authority scope and loads it into the local runtime's DATA_DIR (default
 * .data), for demos and benchmarks. Stop `npm start` first: the data directory has one user at a time.
 */
import { parseArgs } from 'node:util';
import { startRuntime } from '#local/runtime';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    division: { type: 'string', default: '440300' },
    seed: { type: 'string', default: '7' },
  },
});
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1 || count > 2_000_000) {
  console.error('--count must be a whole number from 1 to 2,000,000');
  process.exit(2);
}
if (!/^\d{6}$/.test(values.division)) {
  console.error('--division must be a 6-digit division code, such as 440300');
  process.exit(2);
}

const runtime = await startRuntime({
  port: 0,
  dataDir: process.env.DATA_DIR ?? '.data',
  persistent: true,
  rateLimitPerSecond: 0,
});
try {
  const { generateNames } = await import('#local/name-corpus');
  const { loadNames } = await import('#local/bulk-names');
  const started = Date.now();
  console.log(
    `Generating ${count} names for ${values.division} (seed ${values.seed}) into ${runtime.dataDir} …`,
  );
  const report = await loadNames(
    generateNames(values.division, count, Number(values.seed)),
    `seed-${values.division}-${values.seed}`,
    (done, total) => console.log(`  ${done} / ${total} items written`),
  );
  console.log(
    `Loaded ${report.names} names as ${report.items} items (${report.lockItems} name locks, ${report.indexItems} index entries) in ${((Date.now() - started) / 1000).toFixed(1)} s (writing: ${report.seconds.toFixed(1)} s).`,
  );
} finally {
  await runtime.stop();
}
