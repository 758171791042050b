/**
 * The token service on `npm start` (docs/decisions/0017-identity.md), against two fake providers named
 * in the IDENTITY_PROVIDERS setting: the province's platform (real names verified; its keys given
 * inline) and a staff directory (its keys served on loopback by this test). No network beyond loopback.
 * A provider's ID token is exchanged for a platform token that the server then accepts on protected
 * routes, as the cloud's JWT authorizer would, while the dev tokens keep working as before.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '#domain/identity';
import { type FakeProvider, fakeProvider } from '../fixtures/fake-identity-provider.ts';
import { freePort, json, type Platform, startPlatform } from './platform.ts';

const ID_NUMBER = '11010519491231002X';
const dataDir = mkdtempSync(join(tmpdir(), 'registry-e2e-tokens-'));

let uia: FakeProvider;
let directory: FakeProvider;
let keysServer: Server;
let platform: Platform;

const exchange = (subject_token: string) =>
  json(`${platform.url}/v1/auth/token`, 'POST', {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
  });

beforeAll(async () => {
  uia = await fakeProvider('https://uia.example.gov.cn', 'one-stop-registry-local', 'ES256');
  directory = await fakeProvider('https://sso.example.gov.cn', 'registry', 'RS256');
  keysServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(directory.jwks));
  });
  await new Promise<void>((resolve) => keysServer.listen(0, '127.0.0.1', resolve));
  const keysPort = (keysServer.address() as AddressInfo).port;
  const providers = [
    {
      id: 'province',
      issuer: uia.issuer,
      audience: uia.audience,
      jwks: uia.jwks,
      realNameVerified: true,
      role: { fixed: 'applicant' },
      claims: { idNumber: 'id_card' },
    },
    {
      id: 'staff',
      issuer: directory.issuer,
      audience: directory.audience,
      jwksUri: `http://127.0.0.1:${keysPort}/jwks`,
      algorithms: ['RS256'],
      role: { claim: 'groups', values: { 'REG-EXAMINER': 'examiner' } },
      claims: { authority: 'authority_code' },
    },
  ];
  platform = await startPlatform({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    IDENTITY_PROVIDERS: JSON.stringify(providers),
  });
});

afterAll(async () => {
  platform?.child.kill('SIGTERM');
  await platform?.exited;
  // Should the stop have failed, its DynamoDB Local must not outlive the test.
  const pidFile = join(dataDir, 'dynamodb.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  keysServer?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the token service on npm start', () => {
  it('publishes its issuer metadata, with the server as the issuer', async () => {
    const doc = await json(`${platform.url}/.well-known/openid-configuration`, 'GET');
    expect(doc.body).toMatchObject({
      issuer: platform.url,
      jwks_uri: `${platform.url}/v1/auth/jwks.json`,
      token_endpoint: `${platform.url}/v1/auth/token`,
    });
    const jwks = await json(`${platform.url}/v1/auth/jwks.json`, 'GET');
    expect(jwks.body.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256' })]);
  });

  it("exchanges the province's ID token for a platform token the protected routes accept", async () => {
    const res = await exchange(await uia.idToken({ sub: 'zhang', id_card: ID_NUMBER, role: 'operator' }));
    expect(res.status).toBe(200);
    const token = String(res.body.access_token);
    const jwks = (await json(`${platform.url}/v1/auth/jwks.json`, 'GET')).body as unknown as JSONWebKeySet;
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { issuer: platform.url });
    expect(payload).toMatchObject({
      sub: 'province:zhang',
      role: 'applicant',
      idHash: identityHash(ID_NUMBER),
    });
    expect((await json(`${platform.url}/v1/notifications`, 'GET', undefined, token)).status).toBe(200);
    // The provider's `role: operator` did not make an operator.
    expect((await json(`${platform.url}/v1/ops/executions`, 'GET', undefined, token)).status).toBe(403);
  });

  it("exchanges a staff directory's token, its keys fetched from the directory", async () => {
    const res = await exchange(
      await directory.idToken({ sub: 'wang', groups: ['ALL', 'REG-EXAMINER'], authority_code: '110108' }),
    );
    expect(res.status).toBe(200);
    const reviews = await json(`${platform.url}/v1/reviews`, 'GET', undefined, String(res.body.access_token));
    expect(reviews.status).toBe(200);
  });

  it('refuses what it must, 400 invalid-grant with the reason', async () => {
    const cases: [string, Promise<string>][] = [
      ['audience', uia.idToken({ sub: 'x', aud: 'another-app' })],
      ['expired', uia.idToken({ sub: 'x', exp: Math.floor(Date.now() / 1000) - 120 })],
      ['unknown-issuer', (await fakeProvider('https://elsewhere.example.com')).idToken({ sub: 'x' })],
      ['role', directory.idToken({ sub: 'y', groups: ['ALL'] })],
    ];
    for (const [reason, token] of cases) {
      const res = await exchange(await token);
      expect(res.status, reason).toBe(400);
      expect(res.body, reason).toMatchObject({ type: 'urn:one-stop-registry:problem:invalid-grant' });
      expect(String(res.body.detail), reason).toContain(`(${reason})`);
    }
  });

  it('keeps the dev tokens as they were, and does not exchange them (they are its own)', async () => {
    const dev = await json(`${platform.url}/v1/dev/tokens`, 'POST', { role: 'operator', sub: 'me' });
    expect(dev.status).toBe(201);
    const token = String(dev.body.token);
    expect((await json(`${platform.url}/v1/ops/executions`, 'GET', undefined, token)).status).toBe(200);
    expect(String((await exchange(token)).body.detail)).toContain('(unknown-issuer)');
    // A token signed by a provider is no bearer token here: only the platform's are.
    const raw = await uia.idToken({ sub: 'zhang', role: 'applicant' });
    expect((await json(`${platform.url}/v1/notifications`, 'GET', undefined, raw)).status).toBe(401);
  });
});
