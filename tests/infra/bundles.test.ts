/**
 * Every Lambda entry bundled as CDK bundles it (infra/cloud/bundling.ts holds the one set of esbuild
 * options): each under 1 MB of minified JavaScript, wired with only the adapters its handlers use, and
 * reading its seeds from the files shipped beside it. The sizes are printed, largest first.
 * docs/decisions/0015-per-entry-wiring.md.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#contract/workflows';
import {
  cloudEntries,
  esbuildOptions,
  MAX_BUNDLE_BYTES,
  RUNTIME_SDK_ENTRIES,
  SEEDS_DIR,
} from '../../infra/cloud/bundling.ts';

interface Bundle {
  entry: string;
  bytes: number;
  /** Packages (or top folders of this repository) the bundle holds code of. */
  packages: Set<string>;
  /** The `#seeds/…` JSON modules it imports at run time. */
  seeds: string[];
  /** The SDK packages it imports from the Lambda runtime instead of carrying them. */
  externalSdk: string[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

function packagesOf(metafile: Metafile): Set<string> {
  const inputs = Object.values(metafile.outputs).find((o) => o.entryPoint)?.inputs ?? {};
  return new Set(
    Object.keys(inputs).map(
      (path) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/'),
    ),
  );
}

async function bundle(entry: string): Promise<Bundle> {
  const name = basename(entry, '.ts');
  const result = await build({
    ...esbuildOptions(entry, join(REPO_ROOT, 'cdk.out', 'bundles', name, 'index.mjs')),
    write: false,
    metafile: true,
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('index.mjs'));
  if (!js) throw new Error(`${entry}: esbuild wrote no index.mjs`);
  const seeds = Object.values(result.metafile.inputs)
    .flatMap((input) => input.imports)
    .filter((i) => i.external && i.path.startsWith('#seeds/'))
    .map((i) => i.path);
  const externalSdk = [
    ...new Set(
      Object.values(result.metafile.inputs)
        .flatMap((input) => input.imports)
        .filter((i) => i.external && i.path.startsWith('@aws-sdk/'))
        .map((i) => i.path),
    ),
  ].sort();
  return {
    entry: name,
    bytes: js.contents.byteLength,
    packages: packagesOf(result.metafile),
    seeds,
    externalSdk,
  };
}

/**
 * Entries whose SDK clients are not captured by the Tracer, and why. The X-Ray SDK and the Tracer weigh
 * about 120 KB minified; the registration checks (names, S3, KMS, Step Functions, DynamoDB: 969 KB) would
 * pass 1 MB with them. Lambda and Step Functions still trace its invocations.
 */
const UNTRACED: Record<string, string> = {
  'tasks-registration-checks':
    'no room under 1 MB for the X-Ray SDK (infra/cloud/entries/tasks-registration-checks.ts)',
};

describe('Lambda bundles', () => {
  let bundles: Bundle[];

  beforeAll(async () => {
    // esbuild builds them in parallel in its own process.
    bundles = await Promise.all(cloudEntries().map(bundle));
    bundles.sort((a, b) => b.bytes - a.bytes);
    const rows = bundles.map((b) => `  ${b.entry.padEnd(34)} ${kb(b.bytes).padStart(8)}`);
    console.info(
      `Lambda bundles, minified (limit ${kb(MAX_BUNDLE_BYTES)}); largest ${bundles[0]?.entry}:\n${rows.join('\n')}`,
    );
  });

  it('are each under 1 MB of minified JavaScript', () => {
    expect(bundles.length).toBeGreaterThan(0);
    for (const b of bundles) expect(b.bytes, `${b.entry}: ${kb(b.bytes)}`).toBeLessThan(MAX_BUNDLE_BYTES);
  });

  it('bundle the pinned SDK, except the license task, which imports the runtime’s (and none of pdf-lib’s unused parsers)', () => {
    const withSdkOutside = bundles.filter((b) => b.externalSdk.length > 0).map((b) => b.entry);
    expect(withSdkOutside).toEqual([...RUNTIME_SDK_ENTRIES]);
    const license = bundles.find((b) => b.entry === 'tasks-license')!;
    expect(license.externalSdk).toEqual(
      expect.arrayContaining(['@aws-sdk/client-dynamodb', '@aws-sdk/client-s3', '@aws-sdk/client-kms']),
    );
    expect([...license.packages].filter((p) => p.startsWith('@aws-sdk/'))).toEqual([]);
    for (const parser of ['node-html-better-parser', 'html-entities', 'culori'])
      expect(license.packages.has(parser), parser).toBe(false);
  });

  it('carry only the adapters their handlers use: the PDF toolkit in the issuer alone, no OpenCC anywhere', () => {
    const holding = (pkg: string) => bundles.filter((b) => b.packages.has(pkg)).map((b) => b.entry);
    expect(holding('@cantoo/pdf-lib')).toEqual(['tasks-license']);
    expect(holding('fontkit')).toEqual(['tasks-license']);
    expect(holding('opencc-js')).toEqual([]);
    // Fontkit's WOFF2 decoder is Node's Brotli, and Lambda's credentials come from its environment.
    expect(holding('brotli')).toEqual([]);
    expect(holding('@aws-sdk/credential-provider-node')).toEqual([]);
    // A function with no port carries no adapter and no SDK.
    for (const entry of ['api-health', 'api-openapi', 'api-catalogue', 'api-credit-codes']) {
      const b = bundles.find((x) => x.entry === entry);
      expect(
        [...(b?.packages ?? [])].filter((p) => p.startsWith('@aws-sdk/')),
        entry,
      ).toEqual([]);
    }
    // Names are compared only where a name is checked, indexed or registered.
    expect(holding('pinyin-pro')).not.toContain('tasks-sweep');
    expect(holding('pinyin-pro')).not.toContain('api-ops');
  });

  it('trace every AWS SDK client with X-Ray (infra/cloud/tracing.ts), but for the one with no room for it', () => {
    const withSdk = bundles.filter(
      (b) => b.externalSdk.length > 0 || [...b.packages].some((p) => p.startsWith('@aws-sdk/client-')),
    );
    expect(withSdk.length).toBeGreaterThan(0);
    for (const b of withSdk) {
      const why = UNTRACED[b.entry];
      expect(
        b.packages.has('aws-xray-sdk-core'),
        why
          ? `${b.entry} is traced now: take it off UNTRACED`
          : `${b.entry}: pass its ports through traced()`,
      ).toBe(!why);
    }
    // Nothing without a client carries the X-Ray SDK (the functions with no port).
    for (const b of bundles.filter((x) => !withSdk.includes(x)))
      expect(b.packages.has('aws-xray-sdk-core'), b.entry).toBe(false);
  });

  it('import their seeds from the seeds directory shipped beside them', () => {
    const seeds = new Set(bundles.flatMap((b) => b.seeds));
    expect(seeds.size).toBeGreaterThan(0);
    for (const seed of seeds) {
      expect(existsSync(join(REPO_ROOT, SEEDS_DIR, seed.slice('#seeds/'.length))), seed).toBe(true);
    }
  });
});
