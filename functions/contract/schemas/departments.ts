/** The department push's requests and answers (api.md, Departments; Operators' deliveries). */
import * as z from 'zod';
import { freeText } from './common.ts';

export const DEPARTMENT_CODE = /^[A-Za-z]{2,32}$/;
export const DELIVERY_STATUSES = ['pending', 'queued', 'delivered', 'failed', 'skipped', 'inbox'] as const;

export const DepartmentParams = z.object({
  code: z.string().regex(DEPARTMENT_CODE, 'not a department code'),
});

export const EventParams = DepartmentParams.extend({
  eventId: z
    .string()
    .regex(/^[^:\s/]{1,80}:[A-Za-z]{2,32}$/, 'not an event id (<outbox event id>:<department>)'),
});

export const InboxQuery = z.object({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ReconciliationQuery = z.object({
  date: z.iso.date(),
});

export const DepartmentEventView = z
  .looseObject({
    specversion: z.literal('1.0'),
    id: z.string(),
    source: z.string(),
    type: z.string(),
    subject: z.string(),
    time: z.string(),
    datacontenttype: z.string(),
    sequence: z.string(),
    routingversion: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'DepartmentEvent', description: 'CloudEvents 1.0 (JSON), with the sequence extension' });

export const InboxItem = z
  .object({
    event: DepartmentEventView,
    jws: z
      .string()
      .meta({ description: 'compact JWS (ES256, typ cloudevents+jws) over the event; kid in the JWKS' }),
    sentAt: z.string(),
    acknowledgedAt: z.string().optional(),
  })
  .meta({ id: 'InboxItem' });

export const InboxPage = z
  .object({
    items: z.array(InboxItem),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'where to read on from; given at the end too, to poll from' }),
  })
  .meta({ id: 'InboxPage' });

export const Receipt = z.object({ eventId: z.string(), acknowledgedAt: z.string() }).meta({ id: 'Receipt' });

export const WebhookRequest = z.object({ url: z.string().max(2048) }).meta({ id: 'WebhookRequest' });

export const WebhookView = z
  .object({
    department: z.string(),
    url: z.string().nullable(),
    registeredAt: z.string().optional(),
    status: z.enum(['active', 'failing', 'disabled']),
    since: z.string(),
    why: z.string().optional(),
    consecutiveFailures: z.number().int(),
  })
  .meta({ id: 'WebhookStatus' });

export const RegisteredWebhook = WebhookView.extend({
  secret: z.string().meta({ description: 'the Standard Webhooks signing secret (whsec_…), shown this once' }),
}).meta({ id: 'RegisteredWebhook' });

export const DailyCount = z
  .object({
    department: z.string(),
    date: z.string(),
    sent: z.number().int(),
    acknowledged: z.number().int(),
    outstanding: z.number().int(),
  })
  .meta({ id: 'DailyReconciliation' });

export const DeliveryQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).default('failed'),
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const DeliveryParams = z.object({
  id: z.string().regex(/^[^:\s/]{1,80}:[A-Za-z]{2,32}$/, 'not a delivery id'),
});

export const DeliverySummary = z
  .object({
    id: z.string(),
    department: z.string(),
    creditCode: z.string(),
    type: z.string(),
    sequence: z.number().int(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    sentAt: z.string(),
    nextAttemptAt: z.string().optional(),
    lastError: z.string().optional(),
    deliveredAt: z.string().optional(),
    failedAt: z.string().optional(),
    skippedAt: z.string().optional(),
    skippedBy: z.string().optional().meta({ description: "the operator's sub" }),
    skipReason: z.string().optional(),
    acknowledgedAt: z.string().optional(),
  })
  .meta({ id: 'DeliverySummary' });

export const SkipRequest = z
  .object({ reason: freeText(500) })
  .meta({ id: 'SkipRequest', description: 'why the parked delivery is given up (kept on record)' });

export const DepartmentOverview = z
  .object({
    department: z.string(),
    webhook: WebhookView,
    sent: z.number().int().meta({ description: 'events ever put in its inbox' }),
    acknowledged: z.number().int(),
    outstanding: z.number().int().meta({ description: 'sent and not acknowledged' }),
    oldestUnacknowledgedAt: z.string().optional(),
    oldestUnacknowledgedAgeSeconds: z.number().int().optional(),
    failed: z.number().int().meta({ description: 'deliveries parked, waiting for a redrive or a skip' }),
  })
  .meta({ id: 'DepartmentOverview' });

export const DepartmentOverviewList = z
  .object({ items: z.array(DepartmentOverview) })
  .meta({ id: 'DepartmentOverviewList' });
