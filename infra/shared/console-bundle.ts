/**
 * The operators' console as the browser gets it: console/main.ts (and the CSS it imports) bundled by
 * esbuild into app.js and app.css, and index.html pointing at them. Both runtimes build it from these
 * options: the local runtime at its start (infra/local/console.ts), the CDK app when it bundles the
 * function that serves it (infra/cloud/console-assets.ts). functions/api/console.ts serves the files.
 *
 * The HTML names each asset with a hash of its content (`console/app.js?v=…`), so the assets can be
 * cached for good and a new build is picked up at the next page load.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type BuildOptions, type BuildResult, build, buildSync } from 'esbuild';
import { REPO_ROOT } from '#contract/workflows';

/** The files functions/api/console.ts serves, by name. */
export const CONSOLE_FILES = ['index.html', 'app.js', 'app.css'] as const;
export type ConsoleFile = (typeof CONSOLE_FILES)[number];

const SOURCE = join(REPO_ROOT, 'console');

export const CONSOLE_BUNDLE = {
  entryPoints: { app: join(SOURCE, 'main.ts') },
  bundle: true,
  platform: 'browser',
  format: 'iife',
  // Debian's chromium and any browser of the last two years.
  target: ['chrome110', 'firefox115', 'safari16'],
  minify: true,
  charset: 'utf8',
  legalComments: 'none',
  tsconfig: join(SOURCE, 'tsconfig.json'),
  absWorkingDir: REPO_ROOT,
  outdir: '/console-out',
  write: false,
  logLevel: 'silent',
} as const satisfies BuildOptions;

export const assetVersion = (bytes: Uint8Array) =>
  createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** The three files from esbuild's output: the HTML names each asset with its version. */
function filesOf(result: BuildResult<typeof CONSOLE_BUNDLE>): Record<ConsoleFile, Uint8Array> {
  const out = new Map(result.outputFiles.map((f) => [basename(f.path), f.contents]));
  const js = out.get('app.js');
  const css = out.get('app.css');
  if (!js || !css)
    throw new Error(`the console build made ${[...out.keys()].join(', ')}, not app.js and app.css`);
  const html = readFileSync(join(SOURCE, 'index.html'), 'utf8')
    .replace('console/app.js', `console/app.js?v=${assetVersion(js)}`)
    .replace('console/app.css', `console/app.css?v=${assetVersion(css)}`);
  return { 'index.html': new TextEncoder().encode(html), 'app.js': js, 'app.css': css };
}

function failure(error: unknown): Error {
  const messages = (error as { errors?: { text: string; location?: { file: string; line: number } }[] })
    .errors;
  const detail = messages?.length
    ? messages
        .map((m) => `${m.location ? `${m.location.file}:${m.location.line}: ` : ''}${m.text}`)
        .join('\n')
    : (error as Error).message;
  return new Error(`the operators' console (console/) could not be built:\n${detail}`);
}

function write(dir: string, files: Record<ConsoleFile, Uint8Array>): string {
  mkdirSync(dir, { recursive: true });
  for (const name of CONSOLE_FILES) writeFileSync(join(dir, name), files[name]);
  return dir;
}

/** Builds the console into `dir` (made if missing); rejects with every esbuild error, by file and line. */
export async function buildConsole(dir: string): Promise<string> {
  let result: BuildResult<typeof CONSOLE_BUNDLE>;
  try {
    result = await build(CONSOLE_BUNDLE);
  } catch (error) {
    throw failure(error);
  }
  return write(dir, filesOf(result));
}

/** The same, synchronously: CDK asks for a function's files while it bundles, in a synchronous hook. */
export function buildConsoleSync(dir: string): string {
  let result: BuildResult<typeof CONSOLE_BUNDLE>;
  try {
    result = buildSync(CONSOLE_BUNDLE);
  } catch (error) {
    throw failure(error);
  }
  return write(dir, filesOf(result));
}
