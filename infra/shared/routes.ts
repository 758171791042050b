/**
 * The one route table. The CDK API stack makes one Lambda and one HTTP API route of each entry, the
 * local server serves the same entries with the same handlers, and GET /openapi.json is generated from
 * the same schemas. Roles here are documentation and the gateway's first line; every handler checks the
 * caller's role and the resource's owner again itself.
 */
import type { z } from 'zod';
import { BankIntakeParams, BankIntakeView } from '#api/schemas/bank-intakes';
import { Checklist, ChecklistParams, ScopeQuery, ScopeResult } from '#api/schemas/catalogue';
import { Cursor, page } from '#api/schemas/common';
import { CreditCodeCheckResult, CreditCodeParams } from '#api/schemas/credit-codes';
import { DevTokenRequest } from '#api/schemas/dev-tokens';
import { CreditCodeParam, EnterpriseDisclosure, NameCorrectionRequest } from '#api/schemas/enterprises';
import { MaterialRequest, MaterialTicket } from '#api/schemas/materials';
import {
  NameCheckRequest,
  NameCheckResult,
  NameSearchHit,
  NameSearchQuery,
  Reservation,
  ReservationParams,
  ReservationRequest,
} from '#api/schemas/names';
import { Notice } from '#api/schemas/notifications';
import { ExecutionDetail, ExecutionParams, ExecutionQuery, ExecutionSummary } from '#api/schemas/ops';
import {
  BankIntakeAccepted,
  BankIntakeRequest,
  RegistrationAccepted,
  RegistrationParams,
  RegistrationRequest,
  RegistrationView,
} from '#api/schemas/registration';
import {
  ReviewAssignRequest,
  ReviewDecisionRequest,
  ReviewParams,
  ReviewTaskView,
  SupplementRequest,
} from '#api/schemas/reviews';
import type { Role } from '#domain/caller';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSchema {
  /** Stable id: the Lambda's logical id in CDK and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path syntax: `/v1/names/reservations/{id}`. */
  path: string;
  handler: { entry: string; export: string };
  /** `public` needs no token; otherwise the roles the gateway lets through. */
  access: 'public' | readonly Role[];
  /** Served by the local runtime only (the dev token issuer); absent in the cloud. */
  localOnly?: boolean;
  /** Public routes are rate-limited per client address. */
  rateLimited?: boolean;
  /** Honours the Idempotency-Key header. */
  idempotent?: boolean;
  /** What the handler touches, so that CDK grants exactly that (least privilege). */
  grants?: RouteGrants;
  summary: string;
  request?: { body?: z.ZodType; query?: z.ZodType; params?: z.ZodType };
  responses: Readonly<Record<number, { description: string; schema?: z.ZodType }>>;
}

export interface RouteGrants {
  registryTable?: 'read' | 'readWrite';
  documentsBucket?: 'read' | 'readWrite';
  /** Workflows (by name) the handler starts executions of. */
  startWorkflows?: readonly string[];
  /** Reads the executions and histories of every workflow (the operators' view). */
  observeWorkflows?: boolean;
  /** Workflows (by name) whose callback tasks the handler answers (SendTaskSuccess/Failure). */
  answerWorkflows?: readonly string[];
  /** Workflows (by name) whose executions the handler stops (a withdrawal). */
  stopWorkflows?: readonly string[];
  /** Seals and unseals personal data with the sealing key (KMS in AWS). */
  sealing?: boolean;
}

const API = 'functions/api';

/** Every route, by id (typed, so handlers get their request types from the schemas here). */
export const ROUTE = {
  Health: {
    id: 'Health',
    method: 'GET',
    path: '/healthz',
    handler: { entry: `${API}/health.ts`, export: 'handler' },
    access: 'public',
    summary: 'Liveness: 200 once every engine is ready',
    responses: { 200: { description: 'ready' } },
  },
  OpenApi: {
    id: 'OpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: { entry: `${API}/openapi.ts`, export: 'handler' },
    access: 'public',
    summary: 'This contract as OpenAPI 3.1',
    responses: { 200: { description: 'the OpenAPI document' } },
  },
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
  CheckName: {
    id: 'CheckName',
    method: 'POST',
    path: '/v1/names/check',
    handler: { entry: `${API}/names.ts`, export: 'check' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: 'read' },
    summary: 'Checks a proposed enterprise name against the naming rules and every existing name',
    request: { body: NameCheckRequest },
    responses: { 200: { description: 'the explained verdict', schema: NameCheckResult } },
  },
  ReserveName: {
    id: 'ReserveName',
    method: 'POST',
    path: '/v1/names/reservations',
    handler: { entry: `${API}/reservations.ts`, export: 'reserve' },
    access: ['applicant', 'bank_clerk'],
    idempotent: true,
    grants: { registryTable: 'readWrite', startWorkflows: ['name-reservation'] },
    summary: 'Reserves a name for its applicant (a clerk reserves for the person at the counter)',
    request: { body: ReservationRequest },
    responses: {
      201: { description: 'reserved', schema: Reservation },
      409: { description: 'an identical name is registered or reserved' },
      422: { description: 'a rule blocks the name' },
    },
  },
  ListReservations: {
    id: 'ListReservations',
    method: 'GET',
    path: '/v1/names/reservations',
    handler: { entry: `${API}/reservations.ts`, export: 'list' },
    access: ['applicant'],
    request: { query: Cursor },
    grants: { registryTable: 'read' },
    summary: "The caller's own reservations",
    responses: { 200: { description: 'newest first', schema: page(Reservation) } },
  },
  GetReservation: {
    id: 'GetReservation',
    method: 'GET',
    path: '/v1/names/reservations/{id}',
    handler: { entry: `${API}/reservations.ts`, export: 'getOne' },
    access: ['applicant', 'bank_clerk'],
    grants: { registryTable: 'read' },
    summary: 'One reservation, to its holder',
    request: { params: ReservationParams },
    responses: { 200: { description: 'the reservation', schema: Reservation } },
  },
  ReleaseReservation: {
    id: 'ReleaseReservation',
    method: 'DELETE',
    path: '/v1/names/reservations/{id}',
    handler: { entry: `${API}/reservations.ts`, export: 'release' },
    access: ['applicant', 'bank_clerk'],
    grants: { registryTable: 'readWrite' },
    summary: 'Releases a reservation',
    request: { params: ReservationParams },
    responses: {
      200: { description: 'released', schema: Reservation },
      409: { description: 'no longer reserved' },
    },
  },
  SearchNames: {
    id: 'SearchNames',
    method: 'GET',
    path: '/v1/names/search',
    handler: { entry: `${API}/name-search.ts`, export: 'search' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: 'read' },
    summary: 'Registered and reserved names by trade name (simplified or traditional) or pinyin',
    request: { query: NameSearchQuery },
    responses: {
      200: { description: 'matching names; a reserved one without its holder', schema: page(NameSearchHit) },
    },
  },
  ListNotifications: {
    id: 'ListNotifications',
    method: 'GET',
    path: '/v1/notifications',
    handler: { entry: `${API}/notifications.ts`, export: 'list' },
    access: ['applicant'],
    grants: { registryTable: 'read' },
    summary:
      "The caller's notices: decisions, requests for changes, reservation expiry reminders, objections",
    request: { query: Cursor },
    responses: { 200: { description: 'newest first', schema: page(Notice) } },
  },
  CheckList: {
    id: 'CheckList',
    method: 'GET',
    path: '/v1/checklists/{entityType}',
    handler: { entry: `${API}/catalogue.ts`, export: 'checklist' },
    access: 'public',
    summary: 'The materials an entity type files, each required always or under a stated condition',
    request: { params: ChecklistParams },
    responses: { 200: { description: 'the checklist', schema: Checklist } },
  },
  SearchBusinessScope: {
    id: 'SearchBusinessScope',
    method: 'GET',
    path: '/v1/business-scope',
    handler: { entry: `${API}/catalogue.ts`, export: 'scope' },
    access: 'public',
    rateLimited: true,
    summary: 'The normalized business scope catalogue, by code prefix or name; without q, its first items',
    request: { query: ScopeQuery },
    responses: { 200: { description: 'matching items, code matches first', schema: ScopeResult } },
  },
  CreateMaterial: {
    id: 'CreateMaterial',
    method: 'POST',
    path: '/v1/materials',
    handler: { entry: `${API}/materials.ts`, export: 'create' },
    access: ['applicant', 'bank_clerk'],
    idempotent: true,
    grants: { registryTable: 'readWrite', documentsBucket: 'readWrite' },
    summary: 'Records a material and answers with a presigned PUT bound to its type, size and SHA-256',
    request: { body: MaterialRequest },
    responses: {
      201: { description: 'PUT the file to uploadUrl with requiredHeaders', schema: MaterialTicket },
    },
  },
  SubmitRegistration: {
    id: 'SubmitRegistration',
    method: 'POST',
    path: '/v1/registrations',
    handler: { entry: `${API}/registrations.ts`, export: 'submit' },
    access: ['applicant'],
    idempotent: true,
    grants: { registryTable: 'readWrite', startWorkflows: ['registration'], sealing: true },
    summary: 'Applies for registration (设立登记): one application, one credit code, one license',
    request: { body: RegistrationRequest },
    responses: {
      202: { description: 'accepted; follow it at /v1/registrations/{id}', schema: RegistrationAccepted },
      404: { description: 'the reservation is not the caller’s' },
      409: { description: 'the reservation is not reserved, or is used by another registration' },
    },
  },
  ListRegistrations: {
    id: 'ListRegistrations',
    method: 'GET',
    path: '/v1/registrations',
    handler: { entry: `${API}/registrations.ts`, export: 'list' },
    access: ['applicant'],
    grants: { registryTable: 'read' },
    summary: "The caller's own registrations, newest first",
    request: { query: Cursor },
    responses: { 200: { description: 'registrations', schema: page(RegistrationView) } },
  },
  GetRegistration: {
    id: 'GetRegistration',
    method: 'GET',
    path: '/v1/registrations/{id}',
    handler: { entry: `${API}/registrations.ts`, export: 'getOne' },
    access: ['applicant', 'bank_clerk', 'examiner', 'operator'],
    grants: { registryTable: 'read' },
    summary:
      'One registration with its timeline, to its owner, its branch’s clerk, an examiner of its authority, an operator',
    request: { params: RegistrationParams },
    responses: { 200: { description: 'the registration', schema: RegistrationView } },
  },
  SupplementRegistration: {
    id: 'SupplementRegistration',
    method: 'POST',
    path: '/v1/registrations/{id}/materials',
    handler: { entry: `${API}/registrations.ts`, export: 'supplement' },
    access: ['applicant', 'bank_clerk'],
    grants: { registryTable: 'readWrite', answerWorkflows: ['registration'] },
    summary: 'Supplements materials while changes are requested (补正)',
    request: { params: RegistrationParams, body: SupplementRequest },
    responses: {
      200: { description: 'back to checking', schema: RegistrationView },
      409: { description: 'no changes are requested' },
    },
  },
  WithdrawRegistration: {
    id: 'WithdrawRegistration',
    method: 'POST',
    path: '/v1/registrations/{id}/withdraw',
    handler: { entry: `${API}/registrations.ts`, export: 'withdraw' },
    access: ['applicant'],
    grants: { registryTable: 'readWrite', stopWorkflows: ['registration'] },
    summary: 'Withdraws a registration before a decision; the reservation returns to reserved',
    request: { params: RegistrationParams },
    responses: {
      200: { description: 'withdrawn', schema: RegistrationView },
      409: { description: 'already decided' },
    },
  },
  ListReviews: {
    id: 'ListReviews',
    method: 'GET',
    path: '/v1/reviews',
    handler: { entry: `${API}/reviews.ts`, export: 'listReviews' },
    access: ['examiner'],
    grants: { registryTable: 'read' },
    summary: "Pending reviews of the examiner's authority, with their age and deadline",
    request: { query: Cursor },
    responses: { 200: { description: 'open review tasks', schema: page(ReviewTaskView) } },
  },
  DecideReview: {
    id: 'DecideReview',
    method: 'POST',
    path: '/v1/reviews/{taskId}',
    handler: { entry: `${API}/reviews.ts`, export: 'decideReview' },
    access: ['examiner'],
    grants: { registryTable: 'readWrite', answerWorkflows: ['registration'] },
    summary: 'Approves, rejects, or requests changes, with the reason',
    request: { params: ReviewParams, body: ReviewDecisionRequest },
    responses: { 200: { description: 'decided' }, 409: { description: 'already decided' } },
  },
  AssignReview: {
    id: 'AssignReview',
    method: 'POST',
    path: '/v1/reviews/{taskId}/assign',
    handler: { entry: `${API}/reviews.ts`, export: 'assignReview' },
    access: ['examiner'],
    grants: { registryTable: 'readWrite' },
    summary: 'Reassigns a review task to another examiner',
    request: { params: ReviewParams, body: ReviewAssignRequest },
    responses: { 200: { description: 'reassigned' } },
  },
  CreateBankIntake: {
    id: 'CreateBankIntake',
    method: 'POST',
    path: '/v1/bank-intakes',
    handler: { entry: `${API}/bank-intakes.ts`, export: 'create' },
    access: ['bank_clerk'],
    idempotent: true,
    grants: { registryTable: 'readWrite', startWorkflows: ['registration'], sealing: true },
    summary: 'A bank clerk takes the materials at the counter and submits the registration for the applicant',
    request: { body: BankIntakeRequest },
    responses: {
      202: { description: 'accepted', schema: BankIntakeAccepted },
      404: { description: 'no reservation held for that applicant' },
    },
  },
  ListBankIntakes: {
    id: 'ListBankIntakes',
    method: 'GET',
    path: '/v1/bank-intakes',
    handler: { entry: `${API}/bank-intakes.ts`, export: 'list' },
    access: ['bank_clerk'],
    grants: { registryTable: 'read' },
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
    grants: { registryTable: 'read' },
    summary: 'One intake with its chain of custody; 404 for any other branch',
    request: { params: BankIntakeParams },
    responses: { 200: { description: 'the intake', schema: BankIntakeView } },
  },
  HandOverLicense: {
    id: 'HandOverLicense',
    method: 'POST',
    path: '/v1/bank-intakes/{id}/handover',
    handler: { entry: `${API}/bank-intakes.ts`, export: 'handover' },
    access: ['bank_clerk'],
    grants: { registryTable: 'readWrite' },
    summary: 'Records that the license was handed to the applicant at the branch',
    request: { params: BankIntakeParams },
    responses: {
      200: { description: 'handed over', schema: BankIntakeView },
      409: { description: 'not registered yet, or already handed over' },
    },
  },
  GetEnterprise: {
    id: 'GetEnterprise',
    method: 'GET',
    path: '/v1/enterprises/{creditCode}',
    handler: { entry: `${API}/enterprises.ts`, export: 'getOne' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: 'read' },
    summary: 'Public disclosure of an enterprise; shown by its credit code while its name awaits correction',
    request: { params: CreditCodeParam },
    responses: { 200: { description: 'the disclosure', schema: EnterpriseDisclosure } },
  },
  OrderNameCorrection: {
    id: 'OrderNameCorrection',
    method: 'POST',
    path: '/v1/enterprises/{creditCode}/name-corrections',
    handler: { entry: `${API}/enterprises.ts`, export: 'orderNameCorrection' },
    access: ['examiner'],
    grants: { registryTable: 'readWrite' },
    summary: "Orders a registered name corrected (the examiner's own authority)",
    request: { params: CreditCodeParam, body: NameCorrectionRequest },
    responses: { 201: { description: 'ordered', schema: EnterpriseDisclosure } },
  },
  ListExecutions: {
    id: 'ListExecutions',
    method: 'GET',
    path: '/v1/ops/executions',
    handler: { entry: `${API}/ops.ts`, export: 'listExecutions' },
    access: ['operator'],
    grants: { observeWorkflows: true },
    summary: 'Executions of every workflow, newest first',
    request: { query: ExecutionQuery },
    responses: { 200: { description: 'executions', schema: page(ExecutionSummary) } },
  },
  GetExecution: {
    id: 'GetExecution',
    method: 'GET',
    path: '/v1/ops/executions/{id}',
    handler: { entry: `${API}/ops.ts`, export: 'getExecution' },
    access: ['operator'],
    grants: { observeWorkflows: true },
    summary: "One execution with every state's input, output, timing and error",
    request: { params: ExecutionParams },
    responses: { 200: { description: 'the execution', schema: ExecutionDetail } },
  },
  IssueDevToken: {
    id: 'IssueDevToken',
    method: 'POST',
    path: '/v1/dev/tokens',
    handler: { entry: 'infra/local/dev-tokens.ts', export: 'handler' },
    access: 'public',
    localOnly: true,
    summary: 'Local runtime only: issues a signed token for any role',
    request: { body: DevTokenRequest },
    responses: { 201: { description: '{token}' } },
  },
} as const satisfies Record<string, RouteSchema>;

export const ROUTES: readonly RouteSchema[] = Object.values(ROUTE);

/** The routes the cloud deploys. */
export const CLOUD_ROUTES = ROUTES.filter((r) => !r.localOnly);
