/**
 * Standard Webhooks. The `standardwebhooks` npm package is not installed here, so the signatures are
 * checked against HMACs computed independently with node:crypto, and against the specification's own
 * published example.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, webhookHeaders, webhookSecret } from '#domain/push/webhook-signature';

const key = randomBytes(32);
const secret = `whsec_${key.toString('base64')}`;
const id = '91110108MA01C3RQ6Q-1:tax';
const timestamp = 1_795_000_000;
const now = new Date(timestamp * 1000);
const body =
  '{"specversion":"1.0","type":"enterprise.registered","data":{"name":"北京星河数据科技有限公司"}}';

const independent = (k: Buffer, content: string) =>
  `v1,${createHmac('sha256', k).update(content, 'utf8').digest('base64')}`;

describe('signWebhook', () => {
  it('matches an HMAC-SHA256 of "<id>.<timestamp>.<body>" computed independently', () => {
    expect(signWebhook(secret, id, timestamp, body)).toBe(independent(key, `${id}.${timestamp}.${body}`));
  });

  it('reproduces the example of the Standard Webhooks specification', () => {
    const sig = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(sig).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('makes secrets of 24 to 64 random bytes, whsec_-prefixed base64', () => {
    expect(webhookSecret(key)).toBe(secret);
    expect(() => webhookSecret(new Uint8Array(8))).toThrow(RangeError);
    expect(() => signWebhook(secret, id, 1.5, body)).toThrow(RangeError);
  });
});

describe('verifyWebhook', () => {
  const headers = webhookHeaders(secret, id, timestamp, body);

  it('accepts what was signed (round trip), from node:http records and from fetch Headers', () => {
    expect(verifyWebhook(secret, headers, body, now)).toEqual({ ok: true, id, timestamp });
    expect(verifyWebhook(secret, new Headers(headers), body, now).ok).toBe(true);
    const upper = {
      'Webhook-Id': id,
      'Webhook-Timestamp': String(timestamp),
      'Webhook-Signature': headers['webhook-signature'],
    };
    expect(verifyWebhook(secret, upper, body, now).ok).toBe(true);
  });

  it.each([
    ['a tampered body', { ...headers }, `${body} `],
    ['a tampered id', { ...headers, 'webhook-id': `${id}x` }, body],
    ['a tampered timestamp', { ...headers, 'webhook-timestamp': String(timestamp + 1) }, body],
    ['another secret', webhookHeaders(webhookSecret(randomBytes(32)), id, timestamp, body), body],
    [
      'a signature of another scheme',
      { ...headers, 'webhook-signature': headers['webhook-signature']!.replace('v1,', 'v1a,') },
      body,
    ],
  ])('refuses %s', (_, h, b) => {
    expect(verifyWebhook(secret, h, b, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses an old timestamp and one from the future, beyond the tolerance', () => {
    const at = (seconds: number) => new Date((timestamp + seconds) * 1000);
    expect(verifyWebhook(secret, headers, body, at(301))).toEqual({ ok: false, reason: 'timestamp_too_old' });
    expect(verifyWebhook(secret, headers, body, at(-301))).toEqual({
      ok: false,
      reason: 'timestamp_too_new',
    });
    expect(verifyWebhook(secret, headers, body, at(300)).ok).toBe(true);
    expect(verifyWebhook(secret, headers, body, at(61), 60)).toEqual({
      ok: false,
      reason: 'timestamp_too_old',
    });
  });

  it('refuses missing headers and a timestamp that is not whole seconds', () => {
    expect(verifyWebhook(secret, { 'webhook-id': id }, body, now)).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
    expect(verifyWebhook(secret, { ...headers, 'webhook-timestamp': '17e8' }, body, now)).toEqual({
      ok: false,
      reason: 'bad_timestamp',
    });
  });

  it('accepts any matching v1 among several (a secret being rotated)', () => {
    const old = signWebhook(webhookSecret(randomBytes(32)), id, timestamp, body);
    const both = { ...headers, 'webhook-signature': `${old} ${headers['webhook-signature']}` };
    expect(verifyWebhook(secret, both, body, now).ok).toBe(true);
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': `${old} v1,AAAA` }, body, now).ok).toBe(
      false,
    );
  });
});
