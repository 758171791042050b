/**
 * License PDFs in the documents bucket, under `licenses/<creditCode>/<version>.pdf`: the credit code is
 * public (it is printed on the license), so the key carries no personal data. S3 checks the SHA-256 the
 * put declares, and the registry records the same digest on the license.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { DOCUMENTS_BUCKET } from '#contract/tables';
import { type LicenseDocuments, licensePdfKey, type StoredPdf } from '#ports/licenses';
import { s3Client } from './clients.ts';
import { requireEnv } from './config.ts';

export class S3LicenseDocuments implements LicenseDocuments {
  constructor(
    private readonly s3 = s3Client(),
    private readonly bucket = requireEnv(DOCUMENTS_BUCKET.envVar),
  ) {}

  async put(creditCode: string, version: number, pdf: Uint8Array): Promise<StoredPdf> {
    const key = licensePdfKey(creditCode, version);
    const digest = createHash('sha256').update(pdf).digest();
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: pdf,
        ContentType: 'application/pdf',
        ContentLength: pdf.byteLength,
        ChecksumSHA256: digest.toString('base64'),
      }),
    );
    return { key, sha256: digest.toString('hex'), size: pdf.byteLength };
  }

  async get(creditCode: string, version: number): Promise<Uint8Array | undefined> {
    try {
      const out = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: licensePdfKey(creditCode, version) }),
      );
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NotFound') return undefined;
      throw error;
    }
  }
}
