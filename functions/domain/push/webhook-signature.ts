/**
 * Standard Webhooks (standardwebhooks.com), symmetric scheme: a secret `whsec_<base64>`, three headers
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`) and signatures `v1,<base64 HMAC-SHA256 of
 * "<id>.<timestamp>.<body>">`. The signature header may carry several, space-separated (a rotation sends
 * both the old and the new); any `v1` that matches is enough. Comparison is in constant time, and a
 * timestamp outside the tolerance fails, so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_ID = 'webhook-id';
export const WEBHOOK_TIMESTAMP = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE = 'webhook-signature';
const PREFIX = 'whsec_';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/**
 * A secret from random bytes (24 to 64, as the specification allows): the caller draws them, so this
 * module stays pure.
 */
export function webhookSecret(bytes: Uint8Array): string {
  if (bytes.length < 24 || bytes.length > 64) throw new RangeError('a webhook secret is 24 to 64 bytes');
  return `${PREFIX}${Buffer.from(bytes).toString('base64')}`;
}

function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new RangeError('the webhook secret is empty or not base64');
  return key;
}

const hmac = (key: Buffer, id: string, timestamp: number | string, body: string) =>
  createHmac('sha256', key).update(`${id}.${timestamp}.${body}`, 'utf8').digest();

/** `v1,<base64>` for one message. `timestamp` is in whole seconds since the epoch. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  if (!Number.isSafeInteger(timestamp)) throw new RangeError('a webhook timestamp is whole seconds');
  return `v1,${hmac(secretKey(secret), id, timestamp, body).toString('base64')}`;
}

export function webhookHeaders(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    [WEBHOOK_ID]: id,
    [WEBHOOK_TIMESTAMP]: String(timestamp),
    [WEBHOOK_SIGNATURE]: signWebhook(secret, id, timestamp, body),
  };
}

/** Headers as node:http gives them (lower-case keys) or as fetch does. */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof headers.get === 'function')
    return (headers as { get(n: string): string | null }).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
}

export type WebhookVerification =
  | { ok: true; id: string; timestamp: number }
  | {
      ok: false;
      reason:
        | 'missing_headers'
        | 'bad_timestamp'
        | 'timestamp_too_old'
        | 'timestamp_too_new'
        | 'bad_signature';
    };

function matchesAny(expected: Buffer, signatures: string): boolean {
  let match = false;
  for (const candidate of signatures.split(' ')) {
    const [version, encoded] = candidate.split(',');
    if (version !== 'v1' || !encoded) continue;
    const given = Buffer.from(encoded, 'base64');
    // Every candidate is compared (no early exit), each in constant time.
    if (given.length === expected.length && timingSafeEqual(given, expected)) match = true;
  }
  return match;
}

/** Checks a received message against the secret; `now` is the receiver's clock. */
export function verifyWebhook(
  secret: string,
  headers: HeaderSource,
  body: string,
  now: Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): WebhookVerification {
  const id = header(headers, WEBHOOK_ID);
  const stamp = header(headers, WEBHOOK_TIMESTAMP);
  const signatures = header(headers, WEBHOOK_SIGNATURE);
  if (!id || !stamp || !signatures) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(stamp)) return { ok: false, reason: 'bad_timestamp' };
  const timestamp = Number(stamp);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (timestamp < nowSeconds - toleranceSeconds) return { ok: false, reason: 'timestamp_too_old' };
  if (timestamp > nowSeconds + toleranceSeconds) return { ok: false, reason: 'timestamp_too_new' };
  if (!matchesAny(hmac(secretKey(secret), id, stamp, body), signatures))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true, id, timestamp };
}
