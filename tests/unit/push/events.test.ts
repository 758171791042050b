import { compactVerify, createLocalJWKSet, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  attachJws,
  departmentEvent,
  departmentEventSchema,
  departmentOfEventId,
  detachJws,
  EVENT_JWS_HEADER,
  EVENT_JWS_TYP,
  formatSequence,
  signDepartmentEvent,
  webhookRequest,
} from '#domain/push/events';
import { loadPushRouting } from '#domain/push/recipients';
import { verifyWebhook, webhookSecret } from '#domain/push/webhook-signature';
import { AT, DOMESTIC, lifeOf, memorySigner, SOURCE } from './fixtures.ts';

const [registered, licenseIssued] = lifeOf(DOMESTIC);
const version = loadPushRouting().version;
const taxEvent = () => departmentEvent(registered!, 'tax', 1, version, SOURCE);

describe('departmentEvent', () => {
  it('builds a CloudEvents 1.0 envelope the schema accepts', () => {
    const event = taxEvent();
    expect(departmentEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      specversion: '1.0',
      id: `${DOMESTIC}-1:tax`,
      source: SOURCE,
      type: 'enterprise.registered',
      subject: DOMESTIC,
      time: AT,
      datacontenttype: 'application/json',
      sequence: '0000000001',
      routingversion: 'departments@2026.1+routing@2026.1+entitlements@2026.1',
    });
    expect(departmentOfEventId(event.id)).toBe('tax');
  });

  it('carries only the data the department is entitled to', () => {
    const hrss = departmentEvent(registered!, 'hrss', 1, version, SOURCE);
    expect(hrss.data).not.toHaveProperty('businessScope');
    expect(hrss.data).not.toHaveProperty('investors');
    expect(hrss.data).not.toHaveProperty('internalNote');
    expect(hrss.data.legalRepresentative).toMatchObject({ name: '张伟' });
  });

  it('is stable: the same outbox event and department give the same id on every run', () => {
    expect(departmentEvent(registered!, 'tax', 7, version, SOURCE).id).toBe(taxEvent().id);
  });

  it('refuses an event type the push does not deliver, and a sequence below 1', () => {
    expect(() =>
      departmentEvent({ ...registered!, type: 'name.reserved' }, 'tax', 1, version, SOURCE),
    ).toThrow(RangeError);
    expect(() => departmentEvent(registered!, 'tax', 0, version, SOURCE)).toThrow(RangeError);
  });

  it('builds license events for the departments routed to them', () => {
    const event = departmentEvent(licenseIssued!, 'pboc', 1, version, SOURCE);
    expect(departmentEventSchema.safeParse(event).success).toBe(true);
    expect(event.data).toEqual({
      creditCode: DOMESTIC,
      licenseVersion: 1,
      statusListId: 'rev-1',
      statusListIndex: 42,
      kid: 'push-test-1',
      reason: 'registered',
    });
  });
});

describe('departmentEventSchema', () => {
  it('refuses an event without its sequence', () => {
    const { sequence: _, ...rest } = taxEvent();
    const result = departmentEventSchema.safeParse(rest);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['sequence']);
  });

  it.each([
    ['a bare number', 1],
    ['an unpadded decimal', '1'],
    ['zero', '0000000000'],
    ['a negative', '-000000001'],
  ])('refuses %s as the sequence', (_, sequence) => {
    expect(departmentEventSchema.safeParse({ ...taxEvent(), sequence }).success).toBe(false);
  });

  it.each([
    ['specversion', '0.3'],
    ['type', 'enterprise.created'],
    ['subject', 'not-a-credit-code'],
    ['source', 'registry'],
    ['time', '20 November 2026'],
    ['datacontenttype', 'text/plain'],
    ['routingversion', ''],
    ['id', 'no-department'],
  ])('refuses a wrong %s', (attribute, value) => {
    expect(departmentEventSchema.safeParse({ ...taxEvent(), [attribute]: value }).success).toBe(false);
  });

  it('keeps an extension it does not know, as CloudEvents consumers must', () => {
    expect(departmentEventSchema.parse({ ...taxEvent(), traceparent: '00-abc-def-01' })).toHaveProperty(
      'traceparent',
    );
  });

  it('pads sequences so that their text order is their number order (CloudEvents sequence extension)', () => {
    const texts = [9, 10, 100, 2].map(formatSequence);
    expect([...texts].sort()).toEqual([2, 9, 10, 100].map(formatSequence));
  });
});

describe('the signed event', () => {
  it('is a compact ES256 JWS over exactly the body, verifiable against the JWKS', async () => {
    const signer = memorySigner();
    const signed = await signDepartmentEvent(signer, taxEvent());
    const jwks = createLocalJWKSet({ keys: [await signer.publicJwk()] });
    const { payload, protectedHeader } = await compactVerify(signed.jws, jwks, { algorithms: ['ES256'] });
    expect(new TextDecoder().decode(payload)).toBe(signed.body);
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: signer.kid, typ: EVENT_JWS_TYP });
    expect(JSON.parse(signed.body)).toEqual(signed.event);
  });

  it('travels detached beside the body and is attached again by the receiver', async () => {
    const signed = await signDepartmentEvent(memorySigner(), taxEvent());
    const detached = detachJws(signed.jws);
    expect(detached.split('.')[1]).toBe('');
    expect(attachJws(detached, signed.body)).toBe(signed.jws);
    expect(() => attachJws(signed.jws, signed.body)).toThrow(RangeError);
  });

  it('makes a webhook request with the Standard Webhooks headers and the detached JWS', async () => {
    const secret = webhookSecret(new Uint8Array(32).fill(7));
    const signed = await signDepartmentEvent(memorySigner(), taxEvent());
    const request = webhookRequest(signed, secret, 1_795_000_000);
    expect(request.body).toBe(signed.body);
    expect(request.headers['webhook-id']).toBe(signed.event.id);
    expect(decodeProtectedHeader(request.headers[EVENT_JWS_HEADER]!).typ).toBe(EVENT_JWS_TYP);
    const verdict = verifyWebhook(secret, request.headers, request.body, new Date(1_795_000_000_000));
    expect(verdict).toEqual({ ok: true, id: signed.event.id, timestamp: 1_795_000_000 });
  });
});
