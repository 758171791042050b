/**
 * GET /console and /console/{file}: the operators' web console, served by the API itself in both
 * runtimes (docs/console.md). The files are built beside this handler: in the cloud, CDK copies them
 * next to the bundle (infra/cloud/console-assets.ts); locally the runtime builds them at its start and
 * names their directory in CONSOLE_ASSETS_DIR (infra/local/console.ts).
 *
 * The page allows only its own origin (Content-Security-Policy): no inline script, no inline style, no
 * other host, no framing. The assets are named by their content hash in the page, so a request that
 * names the current hash may be cached for good; the page itself is revalidated (ETag) every time.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROUTE } from '#contract/routes';
import { NotFoundError } from '#domain/errors';
import { type HttpResult, httpRoute } from '#http/route';

const TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

const FOREVER = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface Asset {
  bytes: Uint8Array;
  version: string;
}

/** Beside the bundle in the cloud (`/var/task/console`), or where the local runtime built them. */
function assetsDir(): string {
  return process.env.CONSOLE_ASSETS_DIR || join(dirname(fileURLToPath(import.meta.url)), 'console');
}

const cache = new Map<string, Promise<Asset>>();

function load(name: string): Promise<Asset> {
  let asset = cache.get(name);
  if (!asset) {
    const path = join(assetsDir(), name);
    asset = readFile(path).then(
      (bytes) => ({ bytes, version: createHash('sha256').update(bytes).digest('hex').slice(0, 16) }),
      (error: Error) => {
        cache.delete(name);
        throw new Error(
          `the console's ${name} is missing at ${path} (was the console built?): ${error.message}`,
        );
      },
    );
    cache.set(name, asset);
  }
  return asset;
}

async function serve(
  name: string,
  headers: Readonly<Record<string, string | undefined>>,
  cacheControl: (a: Asset) => string,
): Promise<HttpResult> {
  const asset = await load(name);
  const etag = `"${asset.version}"`;
  const common = { ...SECURITY_HEADERS, etag, 'cache-control': cacheControl(asset) };
  if (headers['if-none-match'] === etag) return { status: 304, headers: common };
  return { status: 200, binary: asset.bytes, headers: { ...common, 'content-type': TYPES[name]! } };
}

export const page = httpRoute(ROUTE.ConsolePage, ({ headers }) =>
  serve('index.html', headers, () => REVALIDATE),
);

export const asset = httpRoute(ROUTE.ConsoleAsset, ({ params, query, headers }) => {
  if (params.file === 'index.html' || !TYPES[params.file])
    throw new NotFoundError(`the console file ${params.file}`);
  return serve(params.file, headers, (a) => (query.v === a.version ? FOREVER : REVALIDATE));
});

/** No port is needed, but every handler module is wired the same way. */
export const handlers = (_ports?: unknown) => ({ page, asset });
