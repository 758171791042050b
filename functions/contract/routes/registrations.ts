/** Registration (设立登记): the public catalogue, materials, applications and the applicants' notices. */
import { Checklist, ChecklistParams, ScopeQuery, ScopeResult } from '#contract/schemas/catalogue';
import { Cursor, page } from '#contract/schemas/common';
import { MaterialRequest, MaterialTicket } from '#contract/schemas/materials';
import { Notice } from '#contract/schemas/notifications';
import {
  RegistrationAccepted,
  RegistrationParams,
  RegistrationRequest,
  RegistrationView,
} from '#contract/schemas/registration';
import { SupplementRequest } from '#contract/schemas/reviews';
import { API, type RouteSchema } from './types.ts';

export const REGISTRATIONS_ROUTES = {
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
    // The upload is the browser's PUT to a presigned URL, signed with this function's credentials.
    grants: { registryTable: { write: ['material'] }, documentsBucket: 'write' },
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
    grants: {
      registryTable: {
        read: ['registration', 'reservation'],
        write: ['registration', 'reservation', 'pendingStart'],
      },
      startWorkflows: ['registration'],
      sealing: true,
    },
    summary: 'Applies for registration (设立登记): one application, one credit code, one license',
    request: { body: RegistrationRequest },
    responses: {
      202: { description: 'accepted; follow it at /v1/registrations/{id}', schema: RegistrationAccepted },
      404: { description: 'the reservation is not the caller’s' },
      409: { description: 'the reservation is not reserved, or is used by another registration' },
      422: {
        description:
          'refused by a rule decided at once (governance, parties and their capacity, capital and contribution deadlines, business scope, jurisdiction): every finding in `reasons`, each with its field path',
      },
    },
  },

  ListRegistrations: {
    id: 'ListRegistrations',
    method: 'GET',
    path: '/v1/registrations',
    handler: { entry: `${API}/registrations.ts`, export: 'list' },
    access: ['applicant'],
    grants: { registryTable: { query: ['ownerListing'] } },
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
    grants: { registryTable: { read: ['registration'] } },
    summary:
      'One registration with its timeline, to its owner, its branch’s clerk, an examiner of its authority, an operator',
    request: { params: RegistrationParams },
    responses: {
      200: { description: 'the registration', schema: RegistrationView },
      404: { description: 'no such registration, or not visible to the caller' },
    },
  },

  SupplementRegistration: {
    id: 'SupplementRegistration',
    method: 'POST',
    path: '/v1/registrations/{id}/materials',
    handler: { entry: `${API}/registrations.ts`, export: 'supplement' },
    access: ['applicant', 'bank_clerk'],
    grants: {
      registryTable: { read: ['registration', 'humanTask'], write: ['registration', 'humanTask'] },
      answerWorkflows: ['registration'],
    },
    summary: 'Supplements materials while changes are requested (补正)',
    request: { params: RegistrationParams, body: SupplementRequest },
    responses: {
      200: { description: 'back to checking', schema: RegistrationView },
      404: { description: 'no such registration, or not visible to the caller' },
      409: { description: 'no changes are requested' },
    },
  },

  WithdrawRegistration: {
    id: 'WithdrawRegistration',
    method: 'POST',
    path: '/v1/registrations/{id}/withdraw',
    handler: { entry: `${API}/registrations.ts`, export: 'withdraw' },
    access: ['applicant'],
    grants: {
      registryTable: {
        read: ['registration', 'reservation'],
        write: ['registration', 'reservation', 'nameLock', 'pendingStart', 'humanTask', 'nameIndex'],
      },
      stopWorkflows: ['registration'],
      // A withdrawn case gives its reservation back, whose own workflow starts again (give-back.ts).
      startWorkflows: ['name-reservation'],
    },
    summary: 'Withdraws a registration before a decision; the reservation returns to reserved',
    request: { params: RegistrationParams },
    responses: {
      200: { description: 'withdrawn', schema: RegistrationView },
      404: { description: "no such registration, or not the caller's" },
      409: { description: 'already decided' },
    },
  },

  ListNotifications: {
    id: 'ListNotifications',
    method: 'GET',
    path: '/v1/notifications',
    handler: { entry: `${API}/notifications.ts`, export: 'list' },
    access: ['applicant'],
    grants: { registryTable: { query: ['ownerListing'] } },
    summary:
      "The caller's notices: decisions, requests for changes, reservation expiry reminders, objections",
    request: { query: Cursor },
    responses: { 200: { description: 'newest first', schema: page(Notice) } },
  },
} as const satisfies Record<string, RouteSchema>;
