/**
 * How every Lambda function is bundled, in one place: CDK's NodejsFunction (nodejs-function.ts) and the
 * bundle checks (tests/infra/bundles.test.ts, bench/bundles.ts) all read these options, so the size that
 * is checked is the size that is deployed (docs/decisions/0015-per-entry-wiring.md).
 *
 * The reference data under seeds/ is not inlined: each function ships it as JSON files beside its bundle,
 * with a package.json that maps `#seeds/*` to them, and Node reads what the bundle imports at cold start.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { REPO_ROOT } from '#contract/workflows';

/**
 * ESM bundles run CommonJS dependencies that call `require` or read `__dirname`; the banner gives them
 * both. The aliases avoid clashing with any top-level name in the bundle.
 */
const ESM_CJS_BANNER = [
  "import { createRequire as __registryCreateRequire } from 'node:module';",
  "import { fileURLToPath as __registryFileUrlToPath } from 'node:url';",
  "import { dirname as __registryDirname } from 'node:path';",
  'const require = __registryCreateRequire(import.meta.url);',
  'const __filename = __registryFileUrlToPath(import.meta.url);',
  'const __dirname = __registryDirname(__filename);',
].join(' ');

/** The largest JavaScript bundle a function may have, minified (cloud issue: cold starts). */
export const MAX_BUNDLE_BYTES = 1024 * 1024;

/**
 * The reference data the domain imports as `#seeds/…` JSON modules (relative to the repository root and
 * to the bundle's directory alike): shipped whole beside every bundle, where Node reads what is imported.
 */
export const SEEDS_DIR = 'seeds';

/** Beside index.mjs: maps the bundle's `#seeds/*` imports to the copied seeds. */
export const ASSET_PACKAGE_JSON = JSON.stringify({ imports: { '#seeds/*': `./${SEEDS_DIR}/*` } });

/** The options, in esbuild's terms. */
export const LAMBDA_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: { js: ESM_CJS_BANNER },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // The names' tables and dictionaries are Chinese text: as UTF-8 each character is 3 bytes, escaped 6.
  charset: 'utf8',
  // The pinned SDK is bundled (its version is the lock file's, not the runtime's); only the seeds stay out.
  external: ['#seeds/*'],
  // Code a function needs in another form there (each shim says why).
  alias: {
    'brotli/decompress.js': join(REPO_ROOT, 'infra', 'cloud', 'shims', 'brotli-decompress.ts'),
    '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'infra', 'cloud', 'shims', 'credentials.ts'),
    'node-html-better-parser': join(REPO_ROOT, 'infra', 'cloud', 'shims', 'pdf-lib-unused.ts'),
    'html-entities': join(REPO_ROOT, 'infra', 'cloud', 'shims', 'pdf-lib-unused.ts'),
    culori: join(REPO_ROOT, 'infra', 'cloud', 'shims', 'pdf-lib-unused.ts'),
  },
  // pdf-lib's metrics of the 14 standard PDF fonts are data: files beside the bundle, as it imports them.
  loader: { '.compressed.json': 'copy' },
  tsconfig: join(REPO_ROOT, 'tsconfig.json'),
  // Warnings and errors only: a synth bundles every function, and the size table of each is noise.
  logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * The functions that import the AWS SDK v3 the Lambda runtime carries instead of bundling the pinned one:
 * only the license task, whose PDF toolkit (pdf-lib and fontkit, about 550 KB) leaves no room for the SDK's
 * DynamoDB, S3 and KMS clients (about 370 KB) under the 1 MB limit. Its calls (GetItem, Query,
 * TransactWriteItems, PutObject, Sign) are stable in every v3 release; the local runtime and the tests run
 * the pinned SDK. docs/decisions/0015-per-entry-wiring.md.
 */
export const RUNTIME_SDK_ENTRIES: ReadonlySet<string> = new Set(['tasks-license']);

/** What stays out of one entry's bundle. */
export function externalsOf(entry: string): string[] {
  const name = entry.split('/').at(-1)!.replace(/\.ts$/, '');
  return [
    ...LAMBDA_BUNDLE.external,
    ...(RUNTIME_SDK_ENTRIES.has(name)
      ? ['@aws-sdk/client-*', '@aws-sdk/lib-dynamodb', '@aws-sdk/util-dynamodb']
      : []),
  ];
}

/** The esbuild API's options for one entry (relative to the repository root), as CDK runs them. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    ...LAMBDA_BUNDLE,
    banner: { ...LAMBDA_BUNDLE.banner },
    mainFields: [...LAMBDA_BUNDLE.mainFields],
    external: externalsOf(entry),
    alias: { ...LAMBDA_BUNDLE.alias },
    loader: { ...LAMBDA_BUNDLE.loader },
    entryPoints: [join(REPO_ROOT, entry)],
    absWorkingDir: REPO_ROOT,
    outfile,
  };
}

/** Every Lambda entry (infra/cloud/entries/<layer>-<module>.ts), relative to the repository root. */
export function cloudEntries(): string[] {
  const dir = join('infra', 'cloud', 'entries');
  return readdirSync(join(REPO_ROOT, dir))
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => join(dir, file));
}
