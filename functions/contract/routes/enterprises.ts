/** Enterprises and credit codes, as the public sees them. */
import { CreditCodeCheckResult, CreditCodeParams } from '#contract/schemas/credit-codes';
import {
  CorrectedName,
  CorrectedNameRequest,
  CreditCodeParam,
  EnterpriseDisclosure,
  NameCorrectionRequest,
} from '#contract/schemas/enterprises';
import { API, type RouteSchema } from './types.ts';

export const ENTERPRISES_ROUTES = {
  CheckCreditCode: {
    id: 'CheckCreditCode',
    method: 'GET',
    path: '/v1/credit-codes/{code}/check',
    handler: { entry: `${API}/credit-codes.ts`, export: 'check' },
    access: 'public',
    rateLimited: true,
    summary: 'Validates a Unified Social Credit Code (GB 32100-2015) and decodes its parts',
    request: { params: CreditCodeParams },
    responses: {
      200: {
        description: 'the verdict; an invalid code is valid:false, not an error',
        schema: CreditCodeCheckResult,
      },
    },
  },

  GetEnterprise: {
    id: 'GetEnterprise',
    method: 'GET',
    path: '/v1/enterprises/{creditCode}',
    handler: { entry: `${API}/enterprises.ts`, export: 'getOne' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { read: ['enterprise'] } },
    summary: 'Public disclosure of an enterprise; shown by its credit code while its name awaits correction',
    request: { params: CreditCodeParam },
    responses: {
      200: { description: 'the disclosure', schema: EnterpriseDisclosure },
      404: { description: 'no enterprise has this credit code' },
    },
  },

  OrderNameCorrection: {
    id: 'OrderNameCorrection',
    method: 'POST',
    path: '/v1/enterprises/{creditCode}/name-corrections',
    handler: { entry: `${API}/enterprises.ts`, export: 'orderNameCorrection' },
    access: ['examiner'],
    grants: { registryTable: { read: ['enterprise'], write: ['enterprise', 'notice', 'nameIndex'] } },
    summary: "Orders a registered name corrected (the examiner's own authority); the owner is told",
    request: { params: CreditCodeParam, body: NameCorrectionRequest },
    responses: {
      201: { description: 'ordered', schema: EnterpriseDisclosure },
      404: { description: "no such enterprise in the examiner's authority" },
      409: { description: 'a correction is already ordered and not yet made' },
    },
  },

  FileCorrectedName: {
    id: 'FileCorrectedName',
    method: 'POST',
    path: '/v1/enterprises/{creditCode}/name',
    handler: { entry: `${API}/enterprises.ts`, export: 'fileCorrectedName' },
    access: ['applicant'],
    grants: {
      registryTable: {
        read: ['enterprise', 'reservation', 'nameLock', 'nameIndex'],
        write: ['enterprise', 'outbox', 'reservation', 'nameLock', 'pendingStart', 'nameIndex'],
      },
      startWorkflows: ['license-reissue'],
    },
    summary:
      'The owner files the corrected name (a name they reserved for it): the enterprise takes it, departments are told (enterprise.changed), and the license is reissued',
    request: { params: CreditCodeParam, body: CorrectedNameRequest },
    responses: {
      200: { description: 'the name changed; the license reissue started', schema: CorrectedName },
      404: { description: "no such enterprise or reservation of the caller's" },
      409: {
        description:
          'no correction is ordered, the enterprise is not active, or the reservation is not reserved',
      },
      422: {
        description:
          'the reservation is for another authority or entity type, or the name check finds the name similar to another (`name-similar`: a correction has no examiner) or unavailable; `reasons` says which',
      },
    },
  },
} as const satisfies Record<string, RouteSchema>;
