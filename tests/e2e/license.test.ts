/**
 * The e-license on `npm start`, as a relying party meets it: an enterprise registers, its license
 * verifies, its PDF downloads, the QR code printed on it (rendered by pdftoppm at 150 dpi, decoded with
 * jsqr) leads back to the license, and the offline verifier checks it with the server stopped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeQr, pdfText } from '../unit/license/poppler.ts';
import { application } from '../unit/registration/fixtures.ts';
import { freePort, json, type Platform, startPlatform, uploadChecklist } from './platform.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-lic-'));
const work = mkdtempSync(join(tmpdir(), 'registry-e2e-lic-files-'));
let platform: Platform;
let stopped = false;

beforeAll(async () => {
  platform = await startPlatform({ PORT: String(await freePort()), DATA_DIR: dataDir });
});
afterAll(async () => {
  if (!stopped) {
    platform.child.kill('SIGTERM');
    await platform.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const api = (method: string, path: string, body?: unknown, token?: string) =>
  json(`${platform.url}${path}`, method, body, token);

async function registrationWithLicense(path: string, who: string) {
  for (let i = 0; i < 600; i++) {
    const r = await api('GET', path, undefined, who);
    if (r.body.licenseUrl || r.body.status === 'rejected') return r.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never showed a license`);
}

describe('the e-license on npm start', () => {
  it('registers an enterprise, verifies its license, downloads the PDF, and reads the QR code back', async () => {
    const applicant = String(
      (await api('POST', '/v1/dev/tokens', { role: 'applicant', sub: 'e2e-license' })).body.token,
    );
    const name = '深圳市丙丁庚科技有限公司';
    const reservation = await api(
      'POST',
      '/v1/names/reservations',
      { name, division: '440305', entityType: 'limited_liability_company' },
      applicant,
    );
    expect(reservation.status).toBe(201);
    const materials = await uploadChecklist(platform.url, applicant);
    const submitted = await api(
      'POST',
      '/v1/registrations',
      { ...application('limited_liability_company'), reservationId: reservation.body.id, materials },
      applicant,
    );
    expect(submitted.status).toBe(202);
    const done = await registrationWithLicense(`/v1/registrations/${submitted.body.id}`, applicant);
    expect(done.status).toBe('registered');
    const code = String(done.creditCode);

    const license = await json(String(done.licenseUrl), 'GET');
    expect(license.body).toMatchObject({ creditCode: code, version: 1, status: 'active' });
    const credential = String(license.body.credential);
    const verdict = await api('POST', '/v1/licenses/verify', { credential });
    expect(verdict.body).toMatchObject({ valid: true, status: 'active' });

    const res = await fetch(`${platform.url}/v1/licenses/${code}/pdf`);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(pdf.byteLength).toBeLessThan(100 * 1024);
    expect(pdfText(pdf, work)).toContain(code);
    const link = decodeQr(pdf, work);
    expect(link).toBe(`${platform.url}/v1/licenses/${code}`);
    const followed = await fetch(link!);
    expect(((await followed.json()) as { credential: string }).credential).toBe(credential);

    // Everything a relying party keeps, then the server goes away.
    const jwks = await api('GET', '/.well-known/jwks.json');
    const list = await api('GET', '/v1/licenses/status-lists/1');
    writeFileSync(join(work, 'license.json'), JSON.stringify(license.body));
    writeFileSync(join(work, 'jwks.json'), JSON.stringify(jwks.body));
    writeFileSync(join(work, 'status.json'), JSON.stringify(list.body));
    platform.child.kill('SIGTERM');
    await platform.exited;
    stopped = true;
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'bin/verify-license.ts',
        join(work, 'license.json'),
        '--jwks',
        join(work, 'jwks.json'),
        '--status',
        join(work, 'status.json'),
        '--json',
      ],
      { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toMatchObject({ valid: true, status: 'active' });
  });
});
