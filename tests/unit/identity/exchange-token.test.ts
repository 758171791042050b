/**
 * The token exchange on the in-memory ports with the real provider check (adapters/oidc-providers.ts,
 * jose): a fake provider's ID token in, a platform token out, and every refusal. No network: the
 * provider's keys are inline or served by the test's own fetch.
 */
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { MEMORY_TOKEN_ISSUER } from '#adapters/memory/identity';
import { memoryPorts } from '#adapters/memory/ports';
import { OidcProviders } from '#adapters/oidc-providers';
import { exchangeToken } from '#app/identity/exchange-token';
import { PLATFORM_TOKEN_LIFETIME_SECONDS } from '#contract/identity';
import { UnavailableError } from '#domain/errors';
import { identityHash } from '#domain/identity';
import type { IdentityProvider } from '#domain/identity/provider';
import { TokenRefused } from '#domain/identity/refusal';
import { type FakeProvider, fakeProvider } from '../../fixtures/fake-identity-provider.ts';

const ID_NUMBER = '11010519491231002X';

let uia: FakeProvider;
let province: IdentityProvider;

beforeAll(async () => {
  uia = await fakeProvider();
  province = {
    id: 'province',
    issuer: uia.issuer,
    audience: uia.audience,
    jwks: uia.jwks,
    algorithms: ['ES256', 'RS256'],
    realNameVerified: true,
    role: { fixed: 'applicant' },
    claims: { subject: 'sub', idNumber: 'id_card' },
  };
});

const ports = () => memoryPorts({ identityProviders: [province] });

async function refusedWith(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TokenRefused)) throw new Error(`not refused: ${String(error)}`);
  return error.reason;
}

describe('exchangeToken', () => {
  it('issues an RS256 platform token with the mapped claims, for 15 minutes at most', async () => {
    const p = ports();
    const exp = Math.floor(p.clock.now().getTime() / 1000) + 3600;
    const idToken = await uia.idToken({ sub: 'zhang', id_card: ID_NUMBER, role: 'operator', exp });
    const { accessToken, expiresIn } = await exchangeToken(p, idToken);
    const { payload, protectedHeader } = await jwtVerify(
      accessToken,
      createLocalJWKSet(await p.tokenKeys.jwks()),
      {
        issuer: MEMORY_TOKEN_ISSUER.issuer,
        audience: MEMORY_TOKEN_ISSUER.audience,
        algorithms: ['RS256'],
        currentDate: p.clock.now(),
      },
    );
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: (await p.tokenKeys.current()).kid });
    // The provider's `role: operator` is a claim anyone registered there could have: not read.
    expect(payload).toMatchObject({
      sub: 'province:zhang',
      role: 'applicant',
      idp: 'province',
      idHash: identityHash(ID_NUMBER),
    });
    expect(expiresIn).toBe(PLATFORM_TOKEN_LIFETIME_SECONDS);
    expect(payload.exp! - payload.iat!).toBe(PLATFORM_TOKEN_LIFETIME_SECONDS);
  });

  it("never outlives the provider's token", async () => {
    const p = ports();
    const nowSeconds = Math.floor(p.clock.now().getTime() / 1000);
    const { expiresIn } = await exchangeToken(p, await uia.idToken({ sub: 'z', exp: nowSeconds + 90 }));
    expect(expiresIn).toBe(90);
  });

  it('refuses a token of an issuer it does not trust, and its own tokens', async () => {
    const p = ports();
    const stranger = await fakeProvider('https://elsewhere.example.com');
    expect(await refusedWith(exchangeToken(p, await stranger.idToken({ sub: 'x' })))).toBe('unknown-issuer');
    const own = await exchangeToken(p, await uia.idToken({ sub: 'z' }));
    expect(await refusedWith(exchangeToken(p, own.accessToken))).toBe('unknown-issuer');
  });

  it('refuses a token that names the provider as issuer but is signed with another key', async () => {
    const forger = await fakeProvider(uia.issuer, uia.audience);
    const forged = await forger.idToken(
      { sub: 'victim', id_card: ID_NUMBER },
      { kid: uia.jwks.keys[0]!.kid! },
    );
    expect(await refusedWith(exchangeToken(ports(), forged))).toBe('signature');
  });

  it('refuses a token for another client, an expired one and one not valid yet', async () => {
    const p = ports();
    const now = Math.floor(p.clock.now().getTime() / 1000);
    expect(await refusedWith(exchangeToken(p, await uia.idToken({ sub: 'x', aud: 'another-app' })))).toBe(
      'audience',
    );
    // Beyond the minute of clock skew allowed either way.
    expect(await refusedWith(exchangeToken(p, await uia.idToken({ sub: 'x', exp: now - 61 })))).toBe(
      'expired',
    );
    expect(await refusedWith(exchangeToken(p, await uia.idToken({ sub: 'x', nbf: now + 120 })))).toBe(
      'not-yet-valid',
    );
  });

  it('refuses an unsigned token and one signed with a shared secret', async () => {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: uia.issuer,
      aud: uia.audience,
      sub: 'x',
      id_card: ID_NUMBER,
      iat: now,
      exp: now + 600,
    };
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
    expect(await refusedWith(exchangeToken(ports(), unsigned))).toBe('algorithm');
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('a-secret-anyone-could-know-32-bytes!'));
    expect(await refusedWith(exchangeToken(ports(), hs256))).toBe('algorithm');
  });

  it('refuses a token whose signature does not cover what it says', async () => {
    const good = await uia.idToken({ sub: 'a' });
    const [h, , s] = good.split('.');
    const other = Buffer.from(
      JSON.stringify({ iss: uia.issuer, aud: uia.audience, sub: 'b', exp: 9_999_999_999 }),
    ).toString('base64url');
    expect(await refusedWith(exchangeToken(ports(), `${h}.${other}.${s}`))).toBe('signature');
  });
});

describe("a provider's published keys", () => {
  it('are fetched once and cached per provider; unreachable keys are a 503, not a refusal', async () => {
    const staffDir = await fakeProvider('https://sso.example.gov.cn', 'registry', 'RS256');
    const directory: IdentityProvider = {
      id: 'staff',
      issuer: staffDir.issuer,
      audience: staffDir.audience,
      jwksUri: 'https://sso.example.gov.cn/jwks',
      algorithms: ['RS256'],
      realNameVerified: false,
      role: { claim: 'groups', values: { OPS: 'operator' } },
      claims: { subject: 'sub' },
    };
    const fetched: string[] = [];
    const providers = new OidcProviders([directory], {
      fetch: async (url) => {
        fetched.push(url);
        return new Response(JSON.stringify(staffDir.jwks), {
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const p = { ...ports(), identityProviders: providers };
    for (const sub of ['ops-1', 'ops-2']) {
      const { accessToken } = await exchangeToken(p, await staffDir.idToken({ sub, groups: ['OPS'] }));
      expect(accessToken.split('.')).toHaveLength(3);
    }
    expect(fetched).toEqual(['https://sso.example.gov.cn/jwks']);

    const down = new OidcProviders([directory], {
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const error = await exchangeToken(
      { ...ports(), identityProviders: down },
      await staffDir.idToken({ sub: 'x', groups: ['OPS'] }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
  });
});
