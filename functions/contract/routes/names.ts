/** Name self-declaration (企业名称自主申报): the check, reservations and the public search. */
import { Cursor, page } from '#contract/schemas/common';
import {
  NameCheckRequest,
  NameCheckResult,
  NameSearchHit,
  NameSearchQuery,
  Reservation,
  ReservationParams,
  ReservationRequest,
} from '#contract/schemas/names';
import { API, type RouteSchema } from './types.ts';

export const NAMES_ROUTES = {
  CheckName: {
    id: 'CheckName',
    method: 'POST',
    path: '/v1/names/check',
    handler: { entry: `${API}/names.ts`, export: 'check' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { read: ['nameLock', 'nameIndex'] } },
    summary: 'Checks a proposed enterprise name against the naming rules and every existing name',
    request: { body: NameCheckRequest },
    responses: { 200: { description: 'the explained verdict', schema: NameCheckResult } },
  },

  ReserveName: {
    id: 'ReserveName',
    method: 'POST',
    path: '/v1/names/reservations',
    handler: { entry: `${API}/names.ts`, export: 'reserve' },
    access: ['applicant', 'bank_clerk'],
    idempotent: true,
    grants: {
      registryTable: { write: ['reservation', 'nameLock', 'pendingStart'] },
      startWorkflows: ['name-reservation'],
    },
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
    handler: { entry: `${API}/names.ts`, export: 'list' },
    access: ['applicant'],
    request: { query: Cursor },
    grants: { registryTable: { query: ['ownerListing'] } },
    summary: "The caller's own reservations",
    responses: { 200: { description: 'newest first', schema: page(Reservation) } },
  },

  GetReservation: {
    id: 'GetReservation',
    method: 'GET',
    path: '/v1/names/reservations/{id}',
    handler: { entry: `${API}/names.ts`, export: 'getOne' },
    access: ['applicant', 'bank_clerk'],
    grants: { registryTable: { read: ['reservation'] } },
    summary: 'One reservation, to its holder',
    request: { params: ReservationParams },
    responses: {
      200: { description: 'the reservation', schema: Reservation },
      404: { description: "no such reservation, or not the caller's" },
    },
  },

  ReleaseReservation: {
    id: 'ReleaseReservation',
    method: 'DELETE',
    path: '/v1/names/reservations/{id}',
    handler: { entry: `${API}/names.ts`, export: 'release' },
    access: ['applicant', 'bank_clerk'],
    grants: { registryTable: { read: ['reservation'], write: ['reservation', 'nameLock', 'nameIndex'] } },
    summary: 'Releases a reservation',
    request: { params: ReservationParams },
    responses: {
      200: { description: 'released', schema: Reservation },
      404: { description: "no such reservation, or not the caller's" },
      409: { description: 'no longer reserved' },
    },
  },

  SearchNames: {
    id: 'SearchNames',
    method: 'GET',
    path: '/v1/names/search',
    handler: { entry: `${API}/names.ts`, export: 'search' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { read: ['nameIndex'] } },
    summary: 'Registered and reserved names by trade name (simplified or traditional) or pinyin',
    request: { query: NameSearchQuery },
    responses: {
      200: { description: 'matching names; a reserved one without its holder', schema: page(NameSearchHit) },
    },
  },
} as const satisfies Record<string, RouteSchema>;
