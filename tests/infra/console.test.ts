/**
 * The operators' console as the cloud ships it: CDK bundles the function behind GET /console with the
 * console's files beside it (infra/cloud/console-assets.ts), and that bundle, imported as Lambda imports
 * it, serves the page and its assets with their content types, the Content-Security-Policy (own origin
 * only) and cache headers: the page revalidated, an asset named by its content hash kept for good.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE } from '#contract/routes';
import { consoleDirectories } from '../../infra/cloud/console-assets.ts';
import { registryFunction } from '../../infra/cloud/nodejs-function.ts';
import { cdkJsonContext } from './synth.ts';

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{
  statusCode: number;
  headers: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}>;

function event(path: string, headers: Record<string, string> = {}, query?: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: `GET ${path.startsWith('/console/') ? '/console/{file}' : '/console'}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(path.startsWith('/console/') ? { pathParameters: { file: path.slice('/console/'.length) } } : {}),
    requestContext: { http: { method: 'GET', path, sourceIp: '192.0.2.1' }, requestId: 'req-1' },
    isBase64Encoded: false,
  };
}

const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 10_000 };
const text = (r: Awaited<ReturnType<Handler>>) =>
  Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');

describe('the console in the cloud', () => {
  let dir: string;
  let bundle: { page: Handler; asset: Handler };

  beforeAll(async () => {
    const app = new App({
      outdir: mkdtempSync(join(tmpdir(), 'registry-cdk-console-')),
      context: cdkJsonContext(),
    });
    const stack = new Stack(app, 'ConsoleOnly');
    registryFunction(stack, 'ConsolePage', {
      handler: ROUTE.ConsolePage.handler,
      description: 'the console page',
      environment: {},
      directories: consoleDirectories(ROUTE.ConsolePage),
    });
    const assembly = app.synth();
    const [fn] = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as {
      Properties: { Code: { S3Key: string } };
    }[];
    dir = join(assembly.directory, `asset.${fn!.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    // As in Lambda: no directory named in the environment, the files beside the bundle.
    delete process.env.CONSOLE_ASSETS_DIR;
    bundle = await import(pathToFileURL(join(dir, 'index.mjs')).href);
  });

  it('ships the console beside the bundle of the function that serves it, and nowhere else', () => {
    for (const file of ['index.html', 'app.js', 'app.css'])
      expect(existsSync(join(dir, 'console', file)), file).toBe(true);
    expect(consoleDirectories(ROUTE.GetExecution)).toEqual([]);
    expect(consoleDirectories(ROUTE.ConsoleAsset)).toHaveLength(1);
  });

  it('serves the page: HTML, only its own origin, revalidated', async () => {
    const r = await bundle.page(event('/console'), context);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'self';/);
    expect(r.headers['content-security-policy']).not.toMatch(/unsafe|\*|https?:/);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(text(r)).toContain('<script src="console/app.js?v=');
    const again = await bundle.page(event('/console', { 'if-none-match': r.headers.etag! }), context);
    expect(again.statusCode).toBe(304);
  });

  it('serves the assets with their types; the hashed name is cached for good, any other revalidated', async () => {
    const html = readFileSync(join(dir, 'console', 'index.html'), 'utf8');
    const version = /app\.js\?v=([0-9a-f]+)/.exec(html)![1]!;
    const js = await bundle.asset(event('/console/app.js', {}, { v: version }), context);
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(text(js)).toBe(readFileSync(join(dir, 'console', 'app.js'), 'utf8'));
    const css = await bundle.asset(event('/console/app.css', {}, { v: 'old' }), context);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('no-cache');
    for (const missing of ['index.html', 'secrets.js', 'app.map'])
      expect((await bundle.asset(event(`/console/${missing}`), context)).statusCode, missing).toBe(404);
  });
});
