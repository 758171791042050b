/**
 * The platform-token keys: the KMS keyring (RSA_2048, RSASSA_PKCS1_V1_5_SHA_256 over the digest) with
 * aws-sdk-client-mock, and the local key file under DATA_DIR; a token either signs verifies with jose
 * against the JWKS it publishes, and the token routes answer as the JWT authorizer and clients expect.
 */
import { generateKeyPairSync, privateEncrypt } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MEMORY_TOKEN_ISSUER } from '#adapters/memory/identity';
import { memoryPorts } from '#adapters/memory/ports';
import { KmsTokenKeyring } from '#adapters/token-signer-kms';
import { LocalTokenKeyring } from '#adapters/token-signer-local';
import { handlers } from '#api/auth';
import { signPlatformToken } from '#app/identity/platform-token';
import type { TokenKeyring } from '#ports/identity';
import { type FakeProvider, fakeProvider } from '../../fixtures/fake-identity-provider.ts';
import { context, event } from '../api/support.ts';

const kms = new KMSClient({ region: 'cn-north-1' });
const kmsMock = mockClient(kms);
beforeEach(() => {
  // The request log line of each route call: kept out of the test output.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  kmsMock.reset();
  vi.restoreAllMocks();
});

/** The DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2), which PKCS #1 v1.5 signs with the digest. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

const claims = { sub: 'province:zhang', role: 'applicant', idp: 'province' } as const;

async function verifies(keys: TokenKeyring, token: string) {
  const { payload } = await jwtVerify(token, createLocalJWKSet(await keys.jwks()), {
    issuer: MEMORY_TOKEN_ISSUER.issuer,
    audience: MEMORY_TOKEN_ISSUER.audience,
    algorithms: ['RS256'],
  });
  return payload;
}

describe('the KMS token keyring', () => {
  it('signs the SHA-256 digest with RSASSA_PKCS1_V1_5_SHA_256, and the token verifies as RS256', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    kmsMock.on(GetPublicKeyCommand).resolves({
      KeySpec: 'RSA_2048',
      PublicKey: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
    });
    // KMS as the test plays it: PKCS #1 v1.5 over the DigestInfo of the digest it is given (DIGEST mode).
    kmsMock.on(SignCommand).callsFake(({ Message }) => ({
      Signature: new Uint8Array(
        privateEncrypt(privateKey, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(Message)])),
      ),
    }));
    const keys = new KmsTokenKeyring(kms, 'arn:aws-cn:kms:cn-north-1:111122223333:key/token');
    const { token } = await signPlatformToken(
      { tokenKeys: keys, tokenIssuer: MEMORY_TOKEN_ISSUER },
      claims,
      new Date(),
      900,
    );
    expect(await verifies(keys, token)).toMatchObject(claims);
    expect(kmsMock.commandCalls(SignCommand)[0]!.args[0].input).toMatchObject({
      KeyId: 'arn:aws-cn:kms:cn-north-1:111122223333:key/token',
      MessageType: 'DIGEST',
      SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
    });
    // The public key is read once per container.
    await keys.jwks();
    expect(kmsMock.commandCalls(GetPublicKeyCommand)).toHaveLength(1);
  });

  it('refuses a key that is not RSA_2048 (the license key, say), and tries again after a failure', async () => {
    kmsMock.on(GetPublicKeyCommand).resolvesOnce({ KeySpec: 'ECC_NIST_P256', PublicKey: new Uint8Array(1) });
    const keys = new KmsTokenKeyring(kms, 'license-key');
    await expect(keys.current()).rejects.toThrow(/not an RSA_2048 signing key/);
    await expect(keys.current()).rejects.toThrow(); // asked KMS again rather than caching the failure
    expect(kmsMock.commandCalls(GetPublicKeyCommand)).toHaveLength(2);
  });
});

describe('the local token keyring', () => {
  it('keeps its key under the data directory (0600), so tokens still verify after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-keys-'));
    try {
      const first = new LocalTokenKeyring(join(dir, 'platform-token'));
      const { token } = await signPlatformToken(
        { tokenKeys: first, tokenIssuer: MEMORY_TOKEN_ISSUER },
        claims,
        new Date(),
        60,
      );
      expect(statSync(join(dir, 'platform-token', 'private.jwk.json')).mode & 0o777).toBe(0o600);
      const restarted = new LocalTokenKeyring(join(dir, 'platform-token'));
      expect(await verifies(restarted, token)).toMatchObject(claims);
      expect((await restarted.jwks()).keys[0]).not.toHaveProperty('d');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the token routes', () => {
  let uia: FakeProvider;
  beforeAll(async () => {
    uia = await fakeProvider();
  });
  const routes = () => {
    const ports = memoryPorts({
      identityProviders: [
        {
          id: 'province',
          issuer: uia.issuer,
          audience: uia.audience,
          jwks: uia.jwks,
          algorithms: ['ES256'],
          realNameVerified: false,
          role: { fixed: 'applicant' },
          claims: { subject: 'sub' },
        },
      ],
    });
    return { ports, ...handlers(ports) };
  };
  const exchangeBody = (subject_token: string) => ({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
  });

  it('answers an exchange as RFC 8693 says, never cached', async () => {
    const { exchange, ports } = routes();
    const res = await exchange(event({ body: exchangeBody(await uia.idToken({ sub: 'li' })) }), context);
    expect(res.statusCode).toBe(200);
    expect(res.headers?.['cache-control']).toBe('no-store');
    const body = JSON.parse(res.body!);
    expect(body).toMatchObject({
      issued_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_type: 'Bearer',
      expires_in: 600,
    });
    expect(await verifies(ports.tokenKeys, body.access_token)).toMatchObject({ sub: 'province:li' });
  });

  it('answers a refused token 400 invalid-grant with the reason, and a wrong body 400 validation', async () => {
    const { exchange } = routes();
    const stranger = await fakeProvider('https://elsewhere.example.com');
    const res = await exchange(event({ body: exchangeBody(await stranger.idToken({ sub: 'x' })) }), context);
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body!)).toMatchObject({
      type: 'urn:one-stop-registry:problem:invalid-grant',
      detail: expect.stringContaining('(unknown-issuer)'),
    });
    const wrongGrant = await exchange(
      event({ body: { ...exchangeBody('x'.repeat(40)), grant_type: 'password' } }),
      context,
    );
    expect(JSON.parse(wrongGrant.body!).type).toBe('urn:one-stop-registry:problem:validation');
  });

  it('publishes the issuer metadata the JWT authorizer reads, and the keys it names', async () => {
    const { configuration, jwks, ports } = routes();
    const doc = JSON.parse((await configuration(event({ method: 'GET' }), context)).body!);
    expect(doc).toMatchObject({
      issuer: MEMORY_TOKEN_ISSUER.issuer,
      jwks_uri: `${MEMORY_TOKEN_ISSUER.issuer}/v1/auth/jwks.json`,
      token_endpoint: `${MEMORY_TOKEN_ISSUER.issuer}/v1/auth/token`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const set = JSON.parse((await jwks(event({ method: 'GET' }), context)).body!);
    expect(set.keys).toEqual([
      expect.objectContaining({
        kty: 'RSA',
        alg: 'RS256',
        use: 'sig',
        kid: (await ports.tokenKeys.current()).kid,
      }),
    ]);
    expect(set.keys[0]).not.toHaveProperty('d');
  });
});
