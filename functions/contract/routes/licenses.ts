/** The e-license (电子营业执照): every route public, as a verifier needs no account. */
import {
  CreditCodeParam,
  Jwks,
  LicenseVerdict,
  LicenseVersionParams,
  LicenseView,
  StatusListParams,
  StatusListView,
  VerifyLicenseRequest,
} from '#contract/schemas/licenses';
import { API, type RouteSchema } from './types.ts';

const HANDLER = `${API}/licenses.ts`;

export const LICENSES_ROUTES = {
  GetLicense: {
    id: 'GetLicense',
    method: 'GET',
    path: '/v1/licenses/{creditCode}',
    handler: { entry: HANDLER, export: 'getOne' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { read: ['license'] } },
    summary: "The enterprise's current license: the signed credential, its version and status",
    request: { params: CreditCodeParam },
    responses: {
      200: { description: 'the license', schema: LicenseView },
      404: { description: 'no license has been issued for this credit code' },
    },
  },

  GetLicenseVersion: {
    id: 'GetLicenseVersion',
    method: 'GET',
    path: '/v1/licenses/{creditCode}/versions/{version}',
    handler: { entry: HANDLER, export: 'getVersion' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { read: ['license'] } },
    summary: "One version of a license (a credential's `id`), current or not",
    request: { params: LicenseVersionParams },
    responses: {
      200: { description: 'the license version', schema: LicenseView },
      404: { description: 'no such version' },
    },
  },

  GetLicensePdf: {
    id: 'GetLicensePdf',
    method: 'GET',
    path: '/v1/licenses/{creditCode}/pdf',
    handler: { entry: HANDLER, export: 'pdf' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { read: ['license'] }, licenseDocuments: 'read' },
    summary: 'The printable license (application/pdf) with its verification QR code',
    request: { params: CreditCodeParam },
    responses: {
      200: { description: 'the PDF (application/pdf); its SHA-256 in the `x-content-sha256` header' },
      404: { description: 'no license has been issued for this credit code' },
    },
  },

  VerifyLicense: {
    id: 'VerifyLicense',
    method: 'POST',
    path: '/v1/licenses/verify',
    handler: { entry: HANDLER, export: 'verify' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { read: ['statusList'] }, licensePublicKey: true },
    summary: 'Verifies a license credential: integrity, issuer, validity and revocation status',
    request: { body: VerifyLicenseRequest },
    responses: {
      200: {
        description: 'the verdict; a bad credential is valid:false with the failing check named',
        schema: LicenseVerdict,
      },
      400: { description: 'the body is not a credential at all (not a compact JWS)' },
      413: { description: 'the body is larger than the limit' },
    },
  },

  Jwks: {
    id: 'Jwks',
    method: 'GET',
    path: '/.well-known/jwks.json',
    handler: { entry: HANDLER, export: 'jwks' },
    access: 'public',
    rateLimited: true,
    grants: { licensePublicKey: true },
    summary: "The registry's public signing keys (licenses, status lists, events), by kid",
    responses: { 200: { description: 'the JWK set', schema: Jwks } },
  },

  GetStatusList: {
    id: 'GetStatusList',
    method: 'GET',
    path: '/v1/licenses/status-lists/{listId}',
    handler: { entry: HANDLER, export: 'statusList' },
    access: 'public',
    rateLimited: true,
    // Signs the list again once past half its life; writes only the list, over the revision it read.
    grants: { registryTable: { read: ['statusList'], write: ['statusList'] }, statusListRefresh: true },
    summary: 'A signed Bitstring Status List credential that license statuses point to',
    request: { params: StatusListParams },
    responses: {
      200: { description: 'the status list', schema: StatusListView },
      404: { description: 'no such list' },
    },
  },
} as const satisfies Record<string, RouteSchema>;
