/**
 * In-memory twins of the license PDFs' store, of the renderer and of the keyring. The renderer twin
 * writes a few bytes that name what it was given, so scenarios run without fonts; a test that needs a
 * real PDF gives `memoryPorts` the real renderer (adapters/license-pdf.ts).
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { LicenseFields } from '#domain/license/fields';
import {
  type LicenseDocuments,
  type LicensePdfRenderer,
  licensePdfKey,
  type StoredPdf,
} from '#ports/licenses';
import type { JwkSet, PublicJwk, RotatingKeyring, Signer } from '#ports/signer';
import { publishedJwk } from '../signer-jwk.ts';
import { LocalSigner } from '../signer-local.ts';

export class MemoryLicenseDocuments implements LicenseDocuments {
  private readonly objects = new Map<string, Uint8Array>();
  /** Inspection: how many times a PDF was written (a retried issuance writes the same bytes again). */
  puts = 0;

  async put(creditCode: string, version: number, pdf: Uint8Array): Promise<StoredPdf> {
    const key = licensePdfKey(creditCode, version);
    this.objects.set(key, new Uint8Array(pdf));
    this.puts++;
    return { key, sha256: createHash('sha256').update(pdf).digest('hex'), size: pdf.byteLength };
  }

  async get(creditCode: string, version: number): Promise<Uint8Array | undefined> {
    const found = this.objects.get(licensePdfKey(creditCode, version));
    return found ? new Uint8Array(found) : undefined;
  }
}

export class FakeLicensePdf implements LicensePdfRenderer {
  async render(fields: LicenseFields, options: { verificationUrl: string }): Promise<Uint8Array> {
    return new TextEncoder().encode(
      `%PDF-1.7 fake license\n${JSON.stringify({ ...fields, verificationUrl: options.verificationUrl })}\n%%EOF`,
    );
  }
}

/** A keyring whose private keys never leave memory: rotation keeps the old public keys published. */
export class MemoryKeyring implements RotatingKeyring {
  private signer: LocalSigner | undefined;
  private readonly published = new Map<string, PublicJwk>();

  async current(): Promise<Signer> {
    return this.signer ?? this.rotate();
  }

  async rotate(): Promise<Signer> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.signer = await this.signerOf(privateKey);
    return this.signer;
  }

  async retire(kid: string): Promise<void> {
    if (kid === (await this.current()).kid) throw new Error('the current signing key cannot be retired');
    this.published.delete(kid);
  }

  async jwks(): Promise<JwkSet> {
    await this.current();
    return { keys: [...this.published.values()] };
  }

  private async signerOf(key: KeyObject): Promise<LocalSigner> {
    const jwk = await publishedJwk(key);
    this.published.set(jwk.kid, jwk);
    return new LocalSigner(jwk.kid, key, jwk);
  }
}
