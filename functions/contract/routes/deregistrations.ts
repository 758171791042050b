/** Simple deregistration (简易注销): filing, following, confirming, objecting; the announcements; the registry's lists. */
import { Cursor, page } from '#contract/schemas/common';
import {
  AnnouncementView,
  DeregistrationAccepted,
  DeregistrationParams,
  DeregistrationRequest,
  DeregistrationView,
  ObjectionRequest,
  ObjectionView,
  RegistryEntryParams,
  RegistryEntryRemoved,
  RegistryEntryRequest,
  RegistryEntryView,
  RegistryListParams,
} from '#contract/schemas/deregistrations';
import { API, type RouteSchema } from './types.ts';

const HANDLERS = `${API}/deregistrations.ts`;

export const DEREGISTRATIONS_ROUTES = {
  FileDeregistration: {
    id: 'FileDeregistration',
    method: 'POST',
    path: '/v1/deregistrations',
    handler: { entry: HANDLERS, export: 'file' },
    access: ['applicant'],
    idempotent: true,
    grants: {
      registryTable: {
        read: ['enterprise', 'registration', 'registryListEntry', 'deregistration'],
        write: ['deregistration', 'enterprise', 'pendingStart'],
      },
      startWorkflows: ['deregistration'],
    },
    summary: 'Files a simple deregistration with the commitment every investor signed',
    request: { body: DeregistrationRequest },
    responses: {
      202: { description: 'accepted: announced until announcementEndsAt', schema: DeregistrationAccepted },
      404: { description: "no such enterprise, or not the caller's" },
      409: {
        description: 'the enterprise is not active (another deregistration is under way, or it is closed)',
      },
      422: { description: 'not eligible: every reason in `reasons`, each with its rule id and legal basis' },
    },
  },

  GetDeregistration: {
    id: 'GetDeregistration',
    method: 'GET',
    path: '/v1/deregistrations/{id}',
    handler: { entry: HANDLERS, export: 'getOne' },
    access: ['applicant', 'operator'],
    grants: { registryTable: { read: ['deregistration'] } },
    summary: 'One deregistration, with its timeline; it ends deregistered, rejected or lapsed',
    request: { params: DeregistrationParams },
    responses: {
      200: { description: 'the case', schema: DeregistrationView },
      404: { description: 'not found' },
    },
  },

  ConfirmDeregistration: {
    id: 'ConfirmDeregistration',
    method: 'POST',
    path: '/v1/deregistrations/{id}/confirm',
    handler: { entry: HANDLERS, export: 'confirm' },
    access: ['applicant'],
    grants: {
      registryTable: { read: ['deregistration'], write: ['deregistration'] },
      answerWorkflows: ['deregistration'],
    },
    summary: 'After the window, applies to deregister (only when the filing had autoConfirm: false)',
    request: { params: DeregistrationParams },
    responses: {
      200: { description: 'applied: the registry deregisters', schema: DeregistrationView },
      404: { description: 'not found' },
      409: { description: 'the window has not ended, or the deadline has passed' },
    },
  },

  ObjectToDeregistration: {
    id: 'ObjectToDeregistration',
    method: 'POST',
    path: '/v1/deregistrations/{id}/objections',
    handler: { entry: HANDLERS, export: 'object' },
    access: ['applicant', 'bank_clerk', 'examiner', 'department', 'operator'],
    idempotent: true,
    grants: {
      registryTable: { read: ['deregistration'], write: ['deregistration'] },
      answerWorkflows: ['deregistration'],
    },
    summary: 'Objects to a deregistration while its announcement is open (异议)',
    request: { params: DeregistrationParams, body: ObjectionRequest },
    responses: {
      201: { description: 'the objection, recorded; the case ends rejected', schema: ObjectionView },
      404: { description: 'no such deregistration' },
      409: { description: 'the window has closed' },
    },
  },

  ListAnnouncements: {
    id: 'ListAnnouncements',
    method: 'GET',
    path: '/v1/announcements',
    handler: { entry: HANDLERS, export: 'announcements' },
    access: 'public',
    rateLimited: true,
    grants: { registryTable: { query: ['announcements'] } },
    summary: 'The simple-deregistration announcements open for objection now (公示)',
    request: { query: Cursor },
    responses: {
      200: { description: 'open announcements, soonest end first', schema: page(AnnouncementView) },
    },
  },

  ListRegistryEntries: {
    id: 'ListRegistryEntries',
    method: 'GET',
    path: '/v1/registry-lists/{list}',
    handler: { entry: HANDLERS, export: 'listEntries' },
    access: ['examiner'],
    grants: { registryTable: { query: ['registryList'] } },
    summary: "A registry list's entries for the examiner's authority",
    request: { params: RegistryListParams, query: Cursor },
    responses: { 200: { description: 'entries', schema: page(RegistryEntryView) } },
  },

  PutRegistryEntry: {
    id: 'PutRegistryEntry',
    method: 'POST',
    path: '/v1/registry-lists/{list}/entries/{creditCode}',
    handler: { entry: HANDLERS, export: 'addEntry' },
    access: ['examiner'],
    grants: { registryTable: { read: ['enterprise'], write: ['registryListEntry'] } },
    summary: 'Puts an enterprise of the examiner’s authority on the list, with the reason',
    request: { params: RegistryEntryParams, body: RegistryEntryRequest },
    responses: {
      201: { description: 'the entry', schema: RegistryEntryView },
      404: { description: "no such enterprise in the examiner's authority" },
    },
  },

  DeleteRegistryEntry: {
    id: 'DeleteRegistryEntry',
    method: 'DELETE',
    path: '/v1/registry-lists/{list}/entries/{creditCode}',
    handler: { entry: HANDLERS, export: 'removeEntry' },
    access: ['examiner'],
    grants: { registryTable: { read: ['enterprise'], write: ['registryListEntry'] } },
    summary: 'Takes an enterprise of the examiner’s authority off the list',
    request: { params: RegistryEntryParams },
    responses: {
      200: { description: 'removed', schema: RegistryEntryRemoved },
      404: { description: 'not on the list' },
    },
  },
} as const satisfies Record<string, RouteSchema>;
