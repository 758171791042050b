/**
 * The e-license as a W3C Verifiable Credential 2.0 (https://www.w3.org/TR/vc-data-model-2.0/), secured
 * in its JOSE form (`vc+jwt`, VC-JOSE-COSE): the JWS payload is the credential itself, with no JWT
 * claim wrapping (that was VC 1.1, which VC 2.0 verifiers must refuse). No library implements the 2.0
 * form, so this schema is ours; the verifier validates every payload against it.
 */
import * as z from 'zod';
import { type LicenseFields, licenseFieldsSchema } from './fields.ts';

export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const LICENSE_TYPE = 'BusinessLicenseCredential';

/** RFC 3339 date-time with an offset, as VC 2.0 requires of validFrom/validUntil. */
const dateTime = z.iso.datetime({ offset: true });

export const statusEntrySchema = z.strictObject({
  id: z.url(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.literal('revocation'),
  /** A string of digits, as the Bitstring Status List recommendation writes it. */
  statusListIndex: z.string().regex(/^(?:0|[1-9]\d{0,9})$/),
  statusListCredential: z.url(),
});

export const licenseSubjectSchema = licenseFieldsSchema.extend({
  type: z.literal('BusinessLicense'),
  /** 1 at first issue, one more at each reissue (name correction, changed details). */
  licenseVersion: z.number().int().positive(),
});

export const licenseCredentialSchema = z.strictObject({
  '@context': z.tuple([z.literal(VC_CONTEXT)]),
  id: z.url(),
  type: z.tuple([z.literal('VerifiableCredential'), z.literal(LICENSE_TYPE)]),
  issuer: z.url(),
  validFrom: dateTime,
  validUntil: dateTime.optional(),
  credentialSubject: licenseSubjectSchema,
  credentialStatus: statusEntrySchema,
});

export type LicenseCredential = z.infer<typeof licenseCredentialSchema>;
export type StatusEntry = z.infer<typeof statusEntrySchema>;

export interface LicenseIssue {
  fields: LicenseFields;
  version: number;
  /** The license's bit in the revocation status list. */
  statusIndex: number;
  statusListId: string;
  /** The registry's public base URL, e.g. https://license.example.gov.cn: the issuer and every link. */
  baseUrl: string;
  /** When the credential takes effect (the issue instant; legal dates stay in `fields`). */
  validFrom: Date;
  /** The end of a fixed business term, when there is one; a 长期 license has no validUntil. */
  validUntil?: Date;
}

export function licenseCredentialUrl(baseUrl: string, creditCode: string, version?: number): string {
  const url = `${trimSlash(baseUrl)}/v1/licenses/${creditCode}`;
  return version === undefined ? url : `${url}/versions/${version}`;
}

export function statusListUrl(baseUrl: string, listId: string): string {
  return `${trimSlash(baseUrl)}/v1/licenses/status-lists/${listId}`;
}

/** The credential for one version of a license. Pure: the caller brings the time and the status slot. */
export function buildLicenseCredential(issue: LicenseIssue): LicenseCredential {
  const { fields, baseUrl, version } = issue;
  const listUrl = statusListUrl(baseUrl, issue.statusListId);
  return licenseCredentialSchema.parse({
    '@context': [VC_CONTEXT],
    id: licenseCredentialUrl(baseUrl, fields.creditCode, version),
    type: ['VerifiableCredential', LICENSE_TYPE],
    issuer: trimSlash(baseUrl),
    validFrom: issue.validFrom.toISOString(),
    ...(issue.validUntil ? { validUntil: issue.validUntil.toISOString() } : {}),
    credentialSubject: { type: 'BusinessLicense', ...fields, licenseVersion: version },
    credentialStatus: {
      id: `${listUrl}#${issue.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(issue.statusIndex),
      statusListCredential: listUrl,
    },
  });
}

/**
 * The version a reissue gets: one more than the newest issued. A reissue revokes the previous version's
 * status bit and takes a fresh one, so a copy of the old credential verifies as revoked.
 */
export function nextLicenseVersion(previous?: { version: number }): number {
  return previous ? previous.version + 1 : 1;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
