/**
 * Idempotency keys belong to a caller's role and subject together, and a body is the same body whatever
 * the order of its keys (the hardening issue).
 */
import { describe, expect, it } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/names';
import { canonicalBody } from '#http/idempotency';
import { context, event } from '../api/support.ts';

const KEY = 'scope-key-0001';
const reserve = (name: string) => ({
  name,
  division: '440305',
  entityType: 'limited_liability_company',
  holder: { name: '张三', idNumber: '11010519491231002X' },
});

describe('Idempotency-Key', () => {
  it('is not shared between a clerk and an applicant with the same sub', async () => {
    const ports = memoryPorts();
    const { reserve: route } = handlers(ports);
    const asApplicant = await route(
      event({
        body: reserve('深圳市甲乙科技有限公司'),
        claims: { sub: 'same', role: 'applicant' },
        headers: { 'idempotency-key': KEY },
      }),
      context,
    );
    const asClerk = await route(
      event({
        body: reserve('深圳市丙丁科技有限公司'),
        claims: { sub: 'same', role: 'bank_clerk', branchId: 'B001' },
        headers: { 'idempotency-key': KEY },
      }),
      context,
    );
    expect(asApplicant.statusCode).toBe(201);
    // Shared with the applicant's record, this would be 422: the key reused with another body.
    expect(asClerk.statusCode).toBe(201);
    expect(JSON.parse(asClerk.body!).id).not.toBe(JSON.parse(asApplicant.body!).id);
  });

  it('replays a repeat whose body has its keys in another order', async () => {
    const ports = memoryPorts();
    const { reserve: route } = handlers(ports);
    const claims = { sub: 'alice', role: 'applicant' };
    const body = {
      name: '深圳市戊己科技有限公司',
      division: '440305',
      entityType: 'limited_liability_company',
    };
    const reordered = { entityType: body.entityType, division: body.division, name: body.name };
    const first = await route(event({ body, claims, headers: { 'idempotency-key': KEY } }), context);
    const again = await route(
      event({ body: reordered, claims, headers: { 'idempotency-key': KEY } }),
      context,
    );
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers?.['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('compares JSON at every depth in one key order, and text that is not JSON as it is', () => {
    expect(canonicalBody('{"b":{"y":1,"x":[{"q":2,"p":1}]},"a":0}')).toBe(
      '{"a":0,"b":{"x":[{"p":1,"q":2}],"y":1}}',
    );
    expect(canonicalBody('not json')).toBe('not json');
    expect(canonicalBody(undefined)).toBe('');
  });
});
