/**
 * The cloud signing key: an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY) that never leaves KMS.
 * KMS signs the SHA-256 digest of the JWS signing input (MessageType DIGEST, so inputs of any size
 * cost one call) and answers in DER, which becomes JOSE's r||s here.
 */
import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, type KMSClient, SignCommand } from '@aws-sdk/client-kms';
import type { JwkSet, Keyring, PublicJwk, Signer } from '#ports/signer';
import { derToJose } from './ecdsa-der.ts';
import { publishedJwkFromSpki } from './signer-jwk.ts';

async function fetchPublicJwk(kms: KMSClient, keyId: string): Promise<PublicJwk> {
  const out = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  if (out.KeySpec !== 'ECC_NIST_P256' || !out.PublicKey)
    throw new Error(`KMS key ${keyId} is not an ECC_NIST_P256 signing key`);
  return publishedJwkFromSpki(out.PublicKey);
}

/** A cached promise that failed (KMS throttled, say) must not answer every later call with that failure. */
function forgetOnFailure<T>(promise: Promise<T>, forget: () => void): Promise<T> {
  return promise.catch((error: unknown) => {
    forget();
    throw error;
  });
}

export class KmsSigner implements Signer {
  private constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
    private readonly jwk: PublicJwk,
  ) {}

  /** Reads the public key once: the kid is its thumbprint, and the JWKS serves it. */
  static async create(kms: KMSClient, keyId: string): Promise<KmsSigner> {
    return new KmsSigner(kms, keyId, await fetchPublicJwk(kms, keyId));
  }

  get kid(): string {
    return this.jwk.kid;
  }

  async sign(signingInput: Uint8Array): Promise<Uint8Array> {
    const digest = createHash('sha256').update(signingInput).digest();
    const out = await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: digest,
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    if (!out.Signature) throw new Error(`KMS returned no signature for key ${this.keyId}`);
    return derToJose(out.Signature);
  }

  async publicJwk(): Promise<PublicJwk> {
    return this.jwk;
  }
}

/**
 * Rotation by configuration: a new KMS key becomes `currentKeyId` and the old one moves to
 * `retiredKeyIds`, where it stays (enabled, with Sign denied to the app's role) while licenses it
 * signed are in force, because GetPublicKey fails on a disabled key.
 */
export class KmsKeyring implements Keyring {
  private signer: Promise<KmsSigner> | undefined;
  private set: Promise<JwkSet> | undefined;

  constructor(
    private readonly kms: KMSClient,
    private readonly keys: { currentKeyId: string; retiredKeyIds?: readonly string[] },
  ) {}

  current(): Promise<Signer> {
    this.signer ??= forgetOnFailure(KmsSigner.create(this.kms, this.keys.currentKeyId), () => {
      this.signer = undefined;
    });
    return this.signer;
  }

  /** Cached for the life of the container: public keys do not change under a key id. */
  jwks(): Promise<JwkSet> {
    this.set ??= forgetOnFailure(this.loadJwks(), () => {
      this.set = undefined;
    });
    return this.set;
  }

  private async loadJwks(): Promise<JwkSet> {
    const current = await (await this.current()).publicJwk();
    const retired = await Promise.all(
      (this.keys.retiredKeyIds ?? []).map((id) => fetchPublicJwk(this.kms, id)),
    );
    return { keys: [current, ...retired] };
  }
}
