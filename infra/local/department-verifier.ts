/**
 * What a receiving department checks on each webhook delivery, in order: the Standard Webhooks signature
 * with its secret, then the event's own JWS (detached in `x-jws-signature`) against the registry's JWKS
 * with the event type's `typ`, then that the event is well formed and meant for this department.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import {
  attachJws,
  type DepartmentEvent,
  departmentEventSchema,
  departmentOfEventId,
  EVENT_JWS_HEADER,
  EVENT_JWS_TYP,
} from '#domain/push/events';
import { verifyWebhook } from '#domain/push/webhook-signature';

/** Why a call was turned away, with the status it is answered with. */
export type Refusal = Error & { refusal: number };
export const refusal = (status: number, reason: string): Refusal =>
  Object.assign(new Error(reason), { refusal: status });

export interface Receiver {
  department: string;
  secret: string;
  jwks: JSONWebKeySet;
  now: Date;
  toleranceSeconds?: number | undefined;
}

/** The event, once both signatures hold and it is the receiver's; a Refusal otherwise. */
export async function verifyDelivery(
  headers: IncomingHttpHeaders,
  body: string,
  receiver: Receiver,
): Promise<DepartmentEvent> {
  const hmac = verifyWebhook(receiver.secret, headers, body, receiver.now, receiver.toleranceSeconds);
  if (!hmac.ok) throw refusal(401, `webhook signature: ${hmac.reason}`);
  const detached = headers[EVENT_JWS_HEADER];
  if (typeof detached !== 'string') throw refusal(401, 'event signature: missing');
  let payload: Uint8Array;
  try {
    const verified = await compactVerify(attachJws(detached, body), createLocalJWKSet(receiver.jwks), {
      algorithms: ['ES256'],
    });
    if (verified.protectedHeader.typ !== EVENT_JWS_TYP) throw new Error('typ');
    payload = verified.payload;
  } catch {
    throw refusal(401, 'event signature: does not verify against the JWKS');
  }
  const parsed = departmentEventSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
  if (!parsed.success) throw refusal(400, 'event: not a department event');
  if (parsed.data.id !== hmac.id) throw refusal(400, 'event: id differs from webhook-id');
  if (departmentOfEventId(parsed.data.id) !== receiver.department)
    throw refusal(400, `event: meant for ${departmentOfEventId(parsed.data.id)}`);
  return parsed.data;
}
