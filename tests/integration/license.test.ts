/**
 * The e-license over HTTP on the embedded engines: a registration ends with its license issued by the
 * workflow; the credential verifies online and offline (with the JWKS and the status list fetched from
 * the server); a tampered copy fails integrity; a revocation made through the use case turns the same
 * credential `revoked` everywhere.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { awsAdapters } from '#adapters/aws-ports';
import { LocalFileSealer } from '#adapters/sealer';
import { LocalKeyring } from '#adapters/signer-local';
import { revokeLicense } from '#app/license/revoke';
import { verifyLicense } from '../../functions/verifier/index.ts';
import {
  body,
  type RegistrationView,
  reserve,
  uniqueName,
  uploadAll,
  useIndustry,
} from './registration-support.ts';
import { call, eventually, runtime, tokenFor } from './support.ts';

interface LicenseView {
  creditCode: string;
  version: number;
  status: string;
  credential: string;
  pdf: { url: string; sha256: string; size: number };
}

const tamper = (jws: string) => {
  const [h, p, s] = jws.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  payload.credentialSubject.name = '某某伪造有限公司';
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
};

let applicant: string;
// An industry of its own: the runtime is shared with the registration tests, which count names from zero.
useIndustry('咨询');

let license: LicenseView;
let code: string;

beforeAll(async () => {
  applicant = await tokenFor({ role: 'applicant', sub: 'lic-applicant' });
  const materials = await uploadAll(applicant);
  const reservationId = await reserve(applicant, uniqueName());
  const submitted = await call<{ id: string }>('POST', '/v1/registrations', {
    token: applicant,
    body: body(reservationId, materials),
  });
  expect(submitted.status).toBe(202);
  const done = await eventually(async () => {
    const r = await call<RegistrationView & { licenseVersion?: number }>(
      'GET',
      `/v1/registrations/${submitted.body.id}`,
      {
        token: applicant,
      },
    );
    return r.body.licenseUrl ? r.body : undefined;
  });
  expect(done).toMatchObject({ status: 'registered', licenseVersion: 1 });
  code = done.creditCode!;
  expect(done.licenseUrl).toBe(`${runtime().url}/v1/licenses/${done.creditCode}`);
  const r = await call<LicenseView>('GET', new URL(done.licenseUrl!).pathname);
  expect(r.status).toBe(200);
  license = r.body;
});

describe('the e-license over HTTP', () => {
  it('serves the signed credential of version 1, active', () => {
    expect(license).toMatchObject({ creditCode: code, version: 1, status: 'active' });
    expect(license.credential.split('.')).toHaveLength(3);
  });

  it('verifies the credential online as valid and active', async () => {
    const r = await call('POST', '/v1/licenses/verify', { body: { credential: license.credential } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ valid: true, status: 'active' });
  });

  it('fails integrity for a tampered copy, naming the check, with 200', async () => {
    const r = await call<{ valid: boolean; checks: { integrity: { code: string } } }>(
      'POST',
      '/v1/licenses/verify',
      {
        body: { credential: tamper(license.credential) },
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.valid).toBe(false);
    expect(r.body.checks.integrity.code).toBe('bad-signature');
  });

  it('answers 400 for a body that is not a credential', async () => {
    expect((await call('POST', '/v1/licenses/verify', { body: { credential: 'hello' } })).status).toBe(400);
    expect((await call('POST', '/v1/licenses/verify', { raw: '{"credential":' })).status).toBe(400);
  });

  it('verifies offline with the JWKS and the status list fetched from the server', async () => {
    const jwks = await call<{ keys: [] }>('GET', '/.well-known/jwks.json');
    const listId =
      license.credential &&
      JSON.parse(Buffer.from(license.credential.split('.')[1]!, 'base64url').toString())
        .credentialStatus.statusListCredential.split('/')
        .at(-1);
    const list = await call<{ credential: string }>('GET', `/v1/licenses/status-lists/${listId}`);
    expect(list.status).toBe(200);
    const verdict = await verifyLicense(license.credential, {
      jwks: jwks.body,
      statusList: list.body.credential,
      now: new Date(),
      issuer: runtime().url,
    });
    expect(verdict).toMatchObject({ valid: true, status: 'active' });
  });

  it('serves the PDF with the SHA-256 recorded for it', async () => {
    const res = await fetch(`${runtime().url}/v1/licenses/${code}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeLessThan(100 * 1024);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(license.pdf.sha256);
  });

  it('turns the same credential revoked once the use case revokes it, online and offline', async () => {
    const dataDir = runtime().dataDir;
    const ports = awsAdapters(() => new LocalFileSealer(join(dataDir, 'keys', 'sealing-key')), {
      keyring: () => new LocalKeyring(join(dataDir, 'keys', 'license')),
      baseUrl: () => runtime().url,
    });
    expect(await revokeLicense(ports, code, 'deregistered')).toMatchObject({ revoked: true, version: 1 });
    const online = await call<{ valid: boolean; status: string; checks: { status: { code: string } } }>(
      'POST',
      '/v1/licenses/verify',
      { body: { credential: license.credential } },
    );
    expect(online.body).toMatchObject({
      valid: false,
      status: 'revoked',
      checks: { status: { code: 'revoked' } },
    });
    expect((await call<LicenseView>('GET', `/v1/licenses/${code}`)).body.status).toBe('revoked');
    const jwks = await call<{ keys: [] }>('GET', '/.well-known/jwks.json');
    const list = await call<{ credential: string }>('GET', '/v1/licenses/status-lists/1');
    const offline = await verifyLicense(license.credential, {
      jwks: jwks.body,
      statusList: list.body.credential,
      now: new Date(),
    });
    expect(offline.status).toBe('revoked');
  });
});

describe('HEAD on the public GET routes', () => {
  const head = (path: string) => fetch(`${runtime().url}${path}`, { method: 'HEAD' });

  it('answers the JWKS and a status list as GET does, with the length of the body it leaves out', async () => {
    for (const path of [
      '/.well-known/jwks.json',
      '/v1/licenses/status-lists/1',
      `/v1/licenses/${code}/pdf`,
    ]) {
      const got = await fetch(`${runtime().url}${path}`);
      const bytes = Buffer.from(await got.arrayBuffer());
      const res = await head(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(got.headers.get('content-type'));
      expect(res.headers.get('cache-control'), path).toBe(got.headers.get('cache-control'));
      expect(Number(res.headers.get('content-length')), path).toBe(bytes.length);
      expect((await res.arrayBuffer()).byteLength, path).toBe(0);
    }
  });

  it('answers a missing list 404, and a protected GET 405 with what it allows', async () => {
    const missing = await head('/v1/licenses/status-lists/nope');
    expect(missing.status).toBe(404);
    expect((await missing.arrayBuffer()).byteLength).toBe(0);
    const protectedRoute = await head('/v1/registrations');
    expect(protectedRoute.status).toBe(405);
    expect(protectedRoute.headers.get('allow')).toContain('GET');
    expect(protectedRoute.headers.get('allow')).not.toContain('HEAD');
  });
});
