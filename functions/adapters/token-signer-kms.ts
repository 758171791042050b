/**
 * The cloud's platform-token key: an asymmetric KMS key (RSA_2048, SIGN_VERIFY) of its own, apart from
 * the license key, that never leaves KMS. KMS signs the SHA-256 digest of the JWS signing input
 * (MessageType DIGEST) with RSASSA_PKCS1_V1_5_SHA_256, which is RS256: the signature is used as KMS
 * returns it (RSA signatures have no DER wrapping to undo, unlike the license key's ECDSA).
 */
import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, type KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { TokenKeyring, TokenPublicJwk, TokenSigningKey } from '#ports/identity';
import { publishedTokenJwkFromSpki } from './token-jwk.ts';

class KmsTokenKey implements TokenSigningKey {
  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
    private readonly jwk: TokenPublicJwk,
  ) {}

  get kid(): string {
    return this.jwk.kid;
  }

  async sign(signingInput: Uint8Array): Promise<Uint8Array> {
    const out = await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: createHash('sha256').update(signingInput).digest(),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'RSASSA_PKCS1_V1_5_SHA_256',
      }),
    );
    if (!out.Signature) throw new Error(`KMS returned no signature for key ${this.keyId}`);
    return out.Signature;
  }

  async publicJwk(): Promise<TokenPublicJwk> {
    return this.jwk;
  }
}

/** One key, read once per container: its public half does not change under its id. */
export class KmsTokenKeyring implements TokenKeyring {
  private key: Promise<KmsTokenKey> | undefined;

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  current(): Promise<TokenSigningKey> {
    // A failed read (KMS throttled) is not cached: the next request reads again.
    this.key ??= this.load().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  async jwks(): Promise<{ keys: TokenPublicJwk[] }> {
    return { keys: [await (await this.current()).publicJwk()] };
  }

  private async load(): Promise<KmsTokenKey> {
    const out = await this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    if (out.KeySpec !== 'RSA_2048' || !out.PublicKey)
      throw new Error(`KMS key ${this.keyId} is not an RSA_2048 signing key`);
    return new KmsTokenKey(this.kms, this.keyId, await publishedTokenJwkFromSpki(out.PublicKey));
  }
}
