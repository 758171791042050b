/**
 * `npm run bench` (bundles): each Lambda entry bundled exactly as CDK bundles it (infra/cloud/bundling.ts),
 * its minified size, and its import time: a fresh node process importing the bundle laid out as Lambda
 * unpacks it (index.mjs, package.json and the seeds beside it), the median of BENCH_BUNDLE_RUNS (default
 * 5). The import is a cold start's own work: parsing, the modules' top level, the seeds read; no port is
 * made until a handler runs. tests/infra/bundles.test.ts is the check that holds the sizes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { REPO_ROOT } from '#contract/workflows';
import {
  ASSET_PACKAGE_JSON,
  cloudEntries,
  esbuildOptions,
  MAX_BUNDLE_BYTES,
  SEEDS_DIR,
} from '../infra/cloud/bundling.ts';

const RUNS = Number(process.env.BENCH_BUNDLE_RUNS ?? 5);
const out = mkdtempSync(join(tmpdir(), 'registry-bundles-'));

/** Milliseconds from `import()` to its settling, in a process that has loaded nothing else. */
function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, LOG_LEVEL: 'WARN', AWS_REGION: 'cn-north-1' },
    encoding: 'utf8',
  });
  return Number(output.trim().split('\n').at(-1));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const entries = cloudEntries();
  // Built together (esbuild runs them in parallel), then imported one at a time so the timings do not compete.
  const bundles = await Promise.all(
    entries.map(async (entry) => {
      const dir = join(out, basename(entry, '.ts'));
      mkdirSync(dir);
      await build(esbuildOptions(entry, join(dir, 'index.mjs')));
      writeFileSync(join(dir, 'package.json'), ASSET_PACKAGE_JSON);
      symlinkSync(join(REPO_ROOT, SEEDS_DIR), join(dir, SEEDS_DIR));
      return { entry: basename(entry, '.ts'), file: join(dir, 'index.mjs') };
    }),
  );
  const rows = bundles.map(({ entry, file }) => ({
    entry,
    bytes: statSync(file).size,
    ms: median(Array.from({ length: RUNS }, () => importMs(file))),
  }));
  rows.sort((a, b) => b.bytes - a.bytes);
  console.log(`Lambda bundles (minified, seeds beside them; import: median of ${RUNS} fresh processes)`);
  console.log(`  ${'entry'.padEnd(34)} ${'size'.padStart(9)} ${'import'.padStart(9)}`);
  for (const r of rows) {
    const over = r.bytes > MAX_BUNDLE_BYTES ? '  over the 1 MB limit' : '';
    console.log(
      `  ${r.entry.padEnd(34)} ${`${(r.bytes / 1024).toFixed(0)} KB`.padStart(9)} ${`${r.ms.toFixed(0)} ms`.padStart(9)}${over}`,
    );
  }
  const largest = rows[0]!;
  console.log(
    `  largest: ${largest.entry}, ${(largest.bytes / 1024).toFixed(0)} KB of ${MAX_BUNDLE_BYTES / 1024} KB`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
