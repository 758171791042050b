/**
 * The license renderer as the Lambda bundle runs it: built with the functions' esbuild options (the
 * shims of ../../infra/cloud/shims in place of pdf-lib's unused SVG, XFA and colour-string code), then
 * loaded and asked for a license. The text, the Chinese glyphs and the QR code must come out as they do
 * unbundled (tests/unit/license/license-pdf.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#contract/workflows';
import type { LicenseFields } from '#domain/license/fields';
import { ASSET_PACKAGE_JSON, esbuildOptions } from '../../infra/cloud/bundling.ts';
import { FIELDS, tempDir } from '../unit/license/fixtures.ts';
import { decodeQr, pdfText } from '../unit/license/poppler.ts';

const URL = 'https://license.registry.example.cn/v1/licenses/91110108MA01C3RQ6Q/verify';
const dir = tempDir('license-bundle-');

type Render = (fields: LicenseFields, options: { verificationUrl: string }) => Promise<Uint8Array>;
let render: Render;

beforeAll(async () => {
  // The entry lives apart from the output: the package.json written beside the bundle maps `#seeds/*`
  // only, and would hide the repository's `#adapters/*` from an entry beside it.
  const source = join('cdk.out', 'bundles', 'license-renderer-entry');
  const out = join(REPO_ROOT, 'cdk.out', 'bundles', 'license-renderer');
  mkdirSync(join(REPO_ROOT, source), { recursive: true });
  mkdirSync(out, { recursive: true });
  const entry = join(source, 'entry.ts');
  writeFileSync(join(REPO_ROOT, entry), `export { renderLicensePdf } from '#adapters/license-pdf';\n`);
  await build({ ...esbuildOptions(entry, join(out, 'index.mjs')), logLevel: 'error' });
  writeFileSync(join(out, 'package.json'), ASSET_PACKAGE_JSON);
  ({ renderLicensePdf: render } = (await import(pathToFileURL(join(out, 'index.mjs')).href)) as {
    renderLicensePdf: Render;
  });
}, 60_000);

describe('the bundled license renderer', { timeout: 30_000 }, () => {
  it('renders the license with its Chinese text and its QR code', async () => {
    const pdf = await render(FIELDS, { verificationUrl: URL });
    const text = pdfText(pdf, dir).replace(/\s+/g, '');
    for (const expected of ['营业执照', FIELDS.creditCode, FIELDS.name, '登记机关'])
      expect(text).toContain(expected);
    expect(decodeQr(pdf, dir)).toBe(URL);
  });
});
