import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand } from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { compactVerify, createLocalJWKSet } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { KmsKeyring, KmsSigner } from '#adapters/signer-kms';
import { buildLicenseCredential, statusListUrl } from '#domain/license/credential';
import { signingInput, signVcJwt, vcJwtHeader } from '#domain/license/jws';
import { buildStatusListCredential, emptyStatusList } from '#domain/license/status-list';
import { verifyLicense } from '../../../functions/verifier/index.ts';
import { BASE_URL, ISSUED_AT, issue, LIST_ID, NOW } from './fixtures.ts';

const kms = new KMSClient({ region: 'cn-north-1' });
const kmsMock = mockClient(kms);
afterEach(() => kmsMock.reset());

function kmsKey() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKey, spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) };
}

/** KMS as the test plays it: signs the input whose digest it is given, in DER, as real KMS answers. */
function playKms(keys: Record<string, ReturnType<typeof kmsKey>>, inputs: string[] = []) {
  kmsMock.on(GetPublicKeyCommand).callsFake(({ KeyId }) => ({
    KeyId,
    KeySpec: 'ECC_NIST_P256',
    PublicKey: keys[KeyId]!.spki,
  }));
  kmsMock.on(SignCommand).callsFake(({ KeyId, Message }) => {
    const input = inputs.find((i) => createHash('sha256').update(i).digest().equals(Buffer.from(Message)));
    if (!input) throw new Error('KMS was not given the SHA-256 digest of a known signing input');
    return { KeyId, Signature: new Uint8Array(sign('sha256', Buffer.from(input), keys[KeyId]!.privateKey)) };
  });
}

describe('KMS signer', () => {
  it('signs the digest with ECDSA_SHA_256, and the JWS verifies with jose against the published key', async () => {
    const keys = { current: kmsKey() };
    const payload = { hello: '营业执照' };
    const inputs: string[] = [];
    playKms(keys, inputs);
    const signer = await KmsSigner.create(kms, 'current');
    inputs.push(signingInput(vcJwtHeader(signer.kid), payload));

    const jws = await signVcJwt(signer, payload);
    const call = kmsMock.commandCalls(SignCommand)[0]!.args[0].input;
    expect(call).toMatchObject({
      KeyId: 'current',
      MessageType: 'DIGEST',
      SigningAlgorithm: 'ECDSA_SHA_256',
    });
    expect(call.Message).toHaveLength(32);

    const jwks = createLocalJWKSet({ keys: [await signer.publicJwk()] });
    const { payload: bytes, protectedHeader } = await compactVerify(jws, jwks, { algorithms: ['ES256'] });
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(payload);
    expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid: signer.kid });
  });

  it('derives the kid from the public key (RFC 7638 thumbprint)', async () => {
    const keys = { a: kmsKey() };
    playKms(keys);
    const signer = await KmsSigner.create(kms, 'a');
    expect(signer.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await signer.publicJwk()).kid).toBe(signer.kid);
    expect(await signer.publicJwk()).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  });

  it('refuses a key that is not ECC_NIST_P256', async () => {
    kmsMock.on(GetPublicKeyCommand).resolves({ KeySpec: 'RSA_2048', PublicKey: new Uint8Array(10) });
    await expect(KmsSigner.create(kms, 'rsa')).rejects.toThrow(/not an ECC_NIST_P256/);
  });

  it('publishes the current and every retired key in the JWKS, and signs with the current one', async () => {
    const keys = { k2: kmsKey(), k1: kmsKey(), k0: kmsKey() };
    playKms(keys);
    const keyring = new KmsKeyring(kms, { currentKeyId: 'k2', retiredKeyIds: ['k1', 'k0'] });
    const current = await keyring.current();
    const { keys: published } = await keyring.jwks();
    expect(published).toHaveLength(3);
    expect(published[0]!.kid).toBe(current.kid);
    expect(new Set(published.map((k) => k.kid)).size).toBe(3);
    // Public keys are read once per container.
    await keyring.jwks();
    expect(kmsMock.commandCalls(GetPublicKeyCommand)).toHaveLength(3);
  });

  it('tries KMS again after a failed public-key read instead of caching the failure', async () => {
    const keys = { k: kmsKey() };
    kmsMock.on(GetPublicKeyCommand).rejectsOnce(new Error('ThrottlingException'));
    const keyring = new KmsKeyring(kms, { currentKeyId: 'k' });
    await expect(keyring.current()).rejects.toThrow(/Throttling/);
    playKms(keys);
    await expect(keyring.current()).resolves.toHaveProperty('kid');
  });
});

describe('a license signed through KMS', () => {
  it('passes the offline verifier with the KMS keyring’s JWKS', async () => {
    const keys = { current: kmsKey() };
    const inputs: string[] = [];
    playKms(keys, inputs);
    const keyring = new KmsKeyring(kms, { currentKeyId: 'current' });
    const signer = await keyring.current();
    const credential = buildLicenseCredential(issue());
    inputs.push(signingInput(vcJwtHeader(signer.kid), credential));
    const list = buildStatusListCredential({
      url: statusListUrl(BASE_URL, LIST_ID),
      issuer: BASE_URL,
      bits: emptyStatusList(),
      validFrom: ISSUED_AT,
    });
    inputs.push(signingInput(vcJwtHeader(signer.kid), list));
    const verdict = await verifyLicense(await signVcJwt(signer, credential), {
      jwks: await keyring.jwks(),
      statusList: await signVcJwt(signer, list),
      now: NOW,
    });
    expect(verdict).toMatchObject({ valid: true, status: 'active' });
  });
});
