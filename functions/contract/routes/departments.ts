/** The department push (信息共享推送): each department's inbox, receipts, webhook, reconciliation; operators' deliveries. */
import { page } from '#contract/schemas/common';
import {
  DailyCount,
  DeliveryParams,
  DeliveryQuery,
  DeliverySummary,
  DepartmentParams,
  EventParams,
  InboxPage,
  InboxQuery,
  Receipt,
  ReconciliationQuery,
  RegisteredWebhook,
  WebhookRequest,
  WebhookView,
} from '#contract/schemas/departments';
import { API, type RouteSchema } from './types.ts';

const HANDLER = `${API}/departments.ts`;

export const DEPARTMENTS_ROUTES = {
  ListDepartmentEvents: {
    id: 'ListDepartmentEvents',
    method: 'GET',
    path: '/v1/departments/{code}/events',
    handler: { entry: HANDLER, export: 'events' },
    access: ['department'],
    grants: { registryTable: { read: ['inbox'] } },
    summary:
      "The department's events in order, CloudEvents 1.0, each signed; resumable from any cursor it was given",
    request: { params: DepartmentParams, query: InboxQuery },
    responses: {
      200: { description: 'a page of the inbox', schema: InboxPage },
      400: { description: 'a cursor this inbox never gave out' },
      404: { description: "another department's inbox, or no such department" },
      410: { description: 'the cursor is older than EVENT_RETENTION; the body says where to resume' },
    },
  },

  AcknowledgeDepartmentEvent: {
    id: 'AcknowledgeDepartmentEvent',
    method: 'POST',
    path: '/v1/departments/{code}/events/{eventId}/receipt',
    handler: { entry: HANDLER, export: 'receipt' },
    access: ['department'],
    grants: { registryTable: { read: ['delivery', 'inbox'], write: ['inbox', 'delivery', 'pushCount'] } },
    summary: 'Acknowledges one event (idempotent: a repeat answers the first receipt)',
    request: { params: EventParams },
    responses: {
      200: { description: 'acknowledged', schema: Receipt },
      404: { description: "no such event in this department's inbox, or no such department" },
    },
  },

  PutDepartmentWebhook: {
    id: 'PutDepartmentWebhook',
    method: 'PUT',
    path: '/v1/departments/{code}/webhook',
    handler: { entry: HANDLER, export: 'putWebhook' },
    access: ['department'],
    // The signing secret is sealed before it is stored (docs/decisions/0010-sealing.md).
    grants: { registryTable: { write: ['webhook'] }, sealing: true },
    summary: 'Registers (or replaces) the webhook; answers its signing secret once',
    request: { params: DepartmentParams, body: WebhookRequest },
    responses: {
      200: { description: 'the webhook and its secret', schema: RegisteredWebhook },
      404: { description: "another department's webhook, or no such department" },
      422: { description: 'not https (cloud) or not loopback (local)' },
    },
  },

  GetDepartmentWebhook: {
    id: 'GetDepartmentWebhook',
    method: 'GET',
    path: '/v1/departments/{code}/webhook',
    handler: { entry: HANDLER, export: 'getWebhook' },
    access: ['department', 'operator'],
    grants: { registryTable: { read: ['webhook'] } },
    summary: "The webhook's status: active, failing or disabled, since when and why",
    request: { params: DepartmentParams },
    responses: {
      200: { description: 'the status', schema: WebhookView },
      404: { description: "another department's webhook, or no such department" },
    },
  },

  GetDepartmentReconciliation: {
    id: 'GetDepartmentReconciliation',
    method: 'GET',
    path: '/v1/departments/{code}/reconciliation',
    handler: { entry: HANDLER, export: 'reconciliation' },
    access: ['department', 'operator'],
    grants: { registryTable: { read: ['inbox'] } },
    summary: 'Events sent, acknowledged and outstanding for a day (China Standard Time)',
    request: { params: DepartmentParams, query: ReconciliationQuery },
    responses: {
      200: { description: 'the counts', schema: DailyCount },
      404: { description: "another department's counts, or no such department" },
    },
  },

  ListDeliveries: {
    id: 'ListDeliveries',
    method: 'GET',
    path: '/v1/ops/deliveries',
    handler: { entry: HANDLER, export: 'listDeliveries' },
    access: ['operator'],
    grants: { registryTable: { query: ['deliveriesByStatus'] } },
    summary: 'Department deliveries by status (failed by default); failed ones can be redriven',
    request: { query: DeliveryQuery },
    responses: { 200: { description: 'deliveries', schema: page(DeliverySummary) } },
  },

  RedriveDelivery: {
    id: 'RedriveDelivery',
    method: 'POST',
    path: '/v1/ops/deliveries/{id}/redrive',
    handler: { entry: HANDLER, export: 'redrive' },
    access: ['operator'],
    grants: { registryTable: { read: ['delivery', 'inbox'], write: ['inbox', 'pushCount'] } },
    summary: 'Redrives one failed delivery: it is due again at once, with a fresh count of attempts',
    request: { params: DeliveryParams },
    responses: {
      200: { description: 'redriven', schema: DeliverySummary },
      404: { description: 'no such delivery' },
      409: { description: 'the delivery is not failed' },
    },
  },
} as const satisfies Record<string, RouteSchema>;
