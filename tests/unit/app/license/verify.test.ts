/**
 * POST /v1/licenses/verify through its handler: every credential-shaped input answers 200 with the
 * failing check named, input that is not a credential at all 400, and nothing 5xx.
 */
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { handlers } from '#api/licenses';
import { issueLicense } from '#app/license/issue';
import { getLicense } from '#app/license/read';
import { context, event } from '../../api/support.ts';
import { b64json, decodePart, licensePorts, registeredEnterprise, withPart } from './support.ts';

let ports: ReturnType<typeof licensePorts>;
let jws: string;
let api: ReturnType<typeof handlers>;
let creditCode: string;

beforeAll(async () => {
  ports = licensePorts();
  const r = await registeredEnterprise(ports);
  creditCode = r.creditCode;
  await issueLicense(ports, r.registrationId, creditCode);
  jws = (await getLicense(ports, creditCode)).credential;
  api = handlers(ports);
});

interface Verdict {
  valid: boolean;
  status: string;
  credential?: unknown;
  checks: Record<string, { ok: boolean; code?: string }>;
}

async function verify(body: unknown) {
  const res = (await api.verify(event({ body }), context)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) as Verdict };
}

const payload = () => decodePart(jws, 1);
const header = () => decodePart(jws, 0);

describe('POST /v1/licenses/verify', () => {
  it('says valid and active for a license as issued', async () => {
    const { status, body } = await verify({ credential: jws });
    expect(status).toBe(200);
    expect(body).toMatchObject({ valid: true, status: 'active', checks: { integrity: { ok: true } } });
    expect(body.credential).toBeUndefined();
  });

  it.each([
    [
      'a changed name',
      () =>
        withPart(
          jws,
          1,
          b64json({
            ...payload(),
            credentialSubject: { ...(payload().credentialSubject as object), name: '伪造公司' },
          }),
        ),
      'integrity',
      'bad-signature',
    ],
    [
      'a changed signature',
      () => withPart(jws, 2, `${jws.split('.')[2]!.slice(0, -4)}AAAA`),
      'integrity',
      'bad-signature',
    ],
    [
      'a tampered kid',
      () => withPart(jws, 0, b64json({ ...header(), kid: 'A'.repeat(43) })),
      'issuer',
      'unknown-key',
    ],
    [
      'alg none',
      () => `${b64json({ ...header(), alg: 'none' })}.${jws.split('.')[1]}.`,
      'integrity',
      'bad-algorithm',
    ],
  ])('names the failing check for %s', async (_what, make, check, code) => {
    const { status, body } = await verify({ credential: make() });
    expect(status).toBe(200);
    expect(body.valid).toBe(false);
    expect(body.status).toBe('unknown');
    expect(body.checks[check]).toMatchObject({ ok: false, code });
  });

  it('refuses HS256 signed with the public key as the secret', async () => {
    const jwk = (await ports.keyring.jwks()).keys[0]!;
    const input = `${b64json({ ...header(), alg: 'HS256' })}.${jws.split('.')[1]}`;
    const mac = createHmac('sha256', JSON.stringify(jwk)).update(input).digest('base64url');
    const { status, body } = await verify({ credential: `${input}.${mac}` });
    expect(status).toBe(200);
    expect(body.checks.integrity).toMatchObject({ ok: false, code: 'bad-algorithm' });
  });

  it('answers 400 for a body that is not a credential at all, never 5xx', async () => {
    for (const body of [{ credential: 'not a jws' }, { credential: 42 }, {}, 'nope', { credential: '' }]) {
      const res = (await api.verify(event({ body }), context)) as { statusCode: number };
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('GET /v1/licenses/{creditCode}/pdf and friends', () => {
  it('serves the PDF as binary, base64-encoded for API Gateway, with its SHA-256', async () => {
    const res = (await api.pdf(event({ method: 'GET', path: { creditCode } }), context)) as {
      statusCode: number;
      isBase64Encoded: boolean;
      body: string;
      headers: Record<string, string>;
    };
    expect(res.statusCode).toBe(200);
    expect(res.isBase64Encoded).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = Buffer.from(res.body, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.headers['x-content-sha256']).toBe(ports.licenses.versions(creditCode)[0]!.pdf.sha256);
  });

  it('answers 404 for a credit code with no license, and for an unknown status list', async () => {
    const none = (await api.getOne(
      event({ method: 'GET', path: { creditCode: '91440305MA5G000011' } }),
      context,
    )) as {
      statusCode: number;
    };
    expect(none.statusCode).toBe(404);
    const list = (await api.statusList(event({ method: 'GET', path: { listId: '99' } }), context)) as {
      statusCode: number;
    };
    expect(list.statusCode).toBe(404);
  });

  it('publishes the JWKS and the signed status list', async () => {
    const keys = (await api.jwks(event({ method: 'GET' }), context)) as { body: string };
    expect(JSON.parse(keys.body).keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    const list = (await api.statusList(event({ method: 'GET', path: { listId: '1' } }), context)) as {
      body: string;
    };
    const view = JSON.parse(list.body) as { id: string; credential: string };
    expect(view.id).toBe('https://license.registry.test/v1/licenses/status-lists/1');
    expect(decodePart(view.credential, 1)).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    });
  });
});
