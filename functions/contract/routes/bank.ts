/** The bank window (银政直通车). */
import { BankIntakeParams, BankIntakeView } from '#contract/schemas/bank-intakes';
import { Cursor, page } from '#contract/schemas/common';
import { BankIntakeAccepted, BankIntakeRequest } from '#contract/schemas/registration';
import { API, type RouteSchema } from './types.ts';

export const BANK_ROUTES = {
  CreateBankIntake: {
    id: 'CreateBankIntake',
    method: 'POST',
    path: '/v1/bank-intakes',
    handler: { entry: `${API}/bank-intakes.ts`, export: 'create' },
    access: ['bank_clerk'],
    idempotent: true,
    grants: {
      registryTable: {
        read: ['bankIntake', 'registration', 'material', 'reservation'],
        write: ['bankIntake', 'registration', 'reservation', 'pendingStart'],
      },
      startWorkflows: ['registration'],
      sealing: true,
    },
    summary: 'A bank clerk takes the materials at the counter and submits the registration for the applicant',
    request: { body: BankIntakeRequest },
    responses: {
      202: { description: 'accepted', schema: BankIntakeAccepted },
      404: { description: 'no reservation held for that applicant' },
      422: {
        description:
          "refused by a rule decided at once, the agent's authorization among the materials included: every finding in `reasons`",
      },
      409: { description: 'the reservation is not reserved, or is used by another registration' },
    },
  },

  ListBankIntakes: {
    id: 'ListBankIntakes',
    method: 'GET',
    path: '/v1/bank-intakes',
    handler: { entry: `${API}/bank-intakes.ts`, export: 'list' },
    access: ['bank_clerk'],
    grants: { registryTable: { query: ['branchIntakes'] } },
    summary: "The intakes of the clerk's own branch",
    request: { query: Cursor },
    responses: { 200: { description: 'intakes', schema: page(BankIntakeView) } },
  },

  GetBankIntake: {
    id: 'GetBankIntake',
    method: 'GET',
    path: '/v1/bank-intakes/{id}',
    handler: { entry: `${API}/bank-intakes.ts`, export: 'getOne' },
    access: ['bank_clerk'],
    grants: { registryTable: { read: ['bankIntake', 'registration'] } },
    summary: 'One intake with its chain of custody; 404 for any other branch',
    request: { params: BankIntakeParams },
    responses: {
      200: { description: 'the intake', schema: BankIntakeView },
      404: { description: "no such intake, or another branch's" },
    },
  },

  HandOverLicense: {
    id: 'HandOverLicense',
    method: 'POST',
    path: '/v1/bank-intakes/{id}/handover',
    handler: { entry: `${API}/bank-intakes.ts`, export: 'handover' },
    access: ['bank_clerk'],
    grants: { registryTable: { read: ['bankIntake', 'registration', 'license'], write: ['bankIntake'] } },
    summary: 'Records that the license was handed to the applicant at the branch',
    request: { params: BankIntakeParams },
    responses: {
      200: { description: 'handed over', schema: BankIntakeView },
      404: { description: "no such intake, or another branch's" },
      409: { description: 'not registered yet, or already handed over' },
    },
  },
} as const satisfies Record<string, RouteSchema>;
