/** The documents bucket: applicants' materials, and the licenses' PDFs and status lists. */
import type { PortFactory } from '#ports/ports';
import { S3Documents } from '../s3-documents.ts';
import { S3LicenseDocuments } from '../s3-license-documents.ts';

export const documents: PortFactory<'documents'> = () => new S3Documents();
export const licenseDocuments: PortFactory<'licenseDocuments'> = () => new S3LicenseDocuments();
