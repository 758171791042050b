/**
 * A department's event: a CloudEvents 1.0 JSON envelope (structured mode) around the data that
 * department is entitled to, signed as a compact JWS (ES256) with the registry key of the JWKS.
 *
 * - `id` is `<outbox event id>:<department>`: stable across retries and redrives, so it is also the
 *   Standard Webhooks `webhook-id` and the receiver's deduplication key.
 * - `sequence` (the CloudEvents sequence extension) counts per department and enterprise from 1, with no
 *   gaps in what that department receives. The extension asks for a lexicographically orderable string,
 *   so the decimal is zero-padded to a fixed width ("0000000010" sorts after "0000000009").
 * - `routingversion` names the routing and entitlement seeds that chose the recipient and the fields.
 *
 * On a webhook the body is the event's JSON exactly as signed, and the JWS travels detached (RFC 7515
 * appendix F) in `x-jws-signature`; the pull inbox hands out the compact JWS whole. A receiver trusts
 * only bytes the JWS covers.
 */
import * as z from 'zod';
import type { OutboxEvent } from '../enterprise.ts';
import { type JwsSigningKey, signJws } from '../license/jws.ts';
import { dataFor, isPushEventType, PUSH_EVENT_TYPES, type PushEventType } from './entitlements.ts';
import { webhookHeaders } from './webhook-signature.ts';

export { PUSH_EVENT_TYPES, type PushEventType };

export const SEQUENCE_WIDTH = 10;
const SEQUENCE = /^\d{10}$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The `typ` of an event's JWS: explicit typing, so a license signed by the same key never passes as one. */
export const EVENT_JWS_TYP = 'cloudevents+jws';
/** The header carrying the detached JWS of a webhook body. */
export const EVENT_JWS_HEADER = 'x-jws-signature';
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

export function formatSequence(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n >= 10 ** SEQUENCE_WIDTH)
    throw new RangeError(`a sequence is a whole number from 1, got ${n}`);
  return String(n).padStart(SEQUENCE_WIDTH, '0');
}

export const parseSequence = (s: string): number => Number.parseInt(s, 10);

export const departmentEventId = (outboxEventId: string, department: string) =>
  `${outboxEventId}:${department}`;

/** The department an event id names (the part after the last colon). */
export const departmentOfEventId = (id: string) => id.slice(id.lastIndexOf(':') + 1);

/**
 * The envelope. Loose, as CloudEvents asks of consumers: an extension added later passes through and
 * is kept, so a receiver built on this schema keeps working.
 */
export const departmentEventSchema = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string().regex(/^[^:\s]+:[A-Za-z]+$/, 'an id is <outbox event id>:<department>'),
  source: z.string().refine((s) => URL.canParse(s), 'source is an absolute URI'),
  type: z.enum(PUSH_EVENT_TYPES),
  subject: z.string().regex(CREDIT_CODE, 'subject is a credit code'),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal('application/json'),
  sequence: z
    .string()
    .regex(SEQUENCE, `sequence is a ${SEQUENCE_WIDTH}-digit decimal`)
    .refine((s) => parseSequence(s) >= 1, 'sequence starts at 1'),
  routingversion: z.string().min(1),
  data: z.record(z.string(), z.unknown()),
});
export type DepartmentEvent = z.infer<typeof departmentEventSchema>;

/** The event one department receives for one outbox event, its data cut to the department's entitlement. */
export function departmentEvent(
  outboxEvent: Pick<OutboxEvent, 'id' | 'type' | 'creditCode' | 'occurredAt' | 'data'>,
  department: string,
  sequence: number,
  routingVersion: string,
  source: string,
): DepartmentEvent {
  if (!isPushEventType(outboxEvent.type)) throw new RangeError(`${outboxEvent.type} is not pushed`);
  return {
    specversion: '1.0',
    id: departmentEventId(outboxEvent.id, department),
    source,
    type: outboxEvent.type,
    subject: outboxEvent.creditCode,
    time: outboxEvent.occurredAt,
    datacontenttype: 'application/json',
    sequence: formatSequence(sequence),
    routingversion: routingVersion,
    data: dataFor(department, outboxEvent.type, outboxEvent.data),
  };
}

export interface SignedDepartmentEvent {
  event: DepartmentEvent;
  /** The event's JSON exactly as signed: the webhook body. */
  body: string;
  /** The compact JWS over `body` (what the pull inbox serves). */
  jws: string;
}

export async function signDepartmentEvent(
  key: JwsSigningKey,
  event: DepartmentEvent,
): Promise<SignedDepartmentEvent> {
  // signJws serializes the payload with JSON.stringify: the body below is the very same bytes.
  const jws = await signJws(key, { typ: EVENT_JWS_TYP, cty: 'cloudevents+json' }, event);
  return { event, body: JSON.stringify(event), jws };
}

/** `header..signature`: the compact JWS with its payload left out, for a header beside the body. */
export function detachJws(jws: string): string {
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}

/** The compact JWS again, from a detached one and the body it was sent beside. */
export function attachJws(detached: string, body: string): string {
  const [header, payload, signature] = detached.split('.');
  if (payload !== '' || header === undefined || signature === undefined)
    throw new RangeError('not a detached JWS (header..signature)');
  return `${header}.${Buffer.from(body, 'utf8').toString('base64url')}.${signature}`;
}

/**
 * Everything a webhook delivery sends: the body, the Standard Webhooks headers (the message id is the
 * event id, the same on every retry) and the detached JWS.
 */
export function webhookRequest(
  signed: SignedDepartmentEvent,
  secret: string,
  timestampSeconds: number,
): { body: string; headers: Record<string, string> } {
  return {
    body: signed.body,
    headers: {
      'content-type': CLOUDEVENTS_CONTENT_TYPE,
      ...webhookHeaders(secret, signed.event.id, timestampSeconds, signed.body),
      [EVENT_JWS_HEADER]: detachJws(signed.jws),
    },
  };
}
