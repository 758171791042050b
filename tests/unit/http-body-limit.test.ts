import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryPorts } from '#adapters/memory/ports';
import { handlers } from '#api/names';
import { MAX_BODY_BYTES } from '#http/route';
import { context, event } from './api/support.ts';

// The stack's one body limit: over it, 413 problem+json (not a 400 validation error), as the local
// server and API Gateway answer it before the handler runs.
beforeEach(() => {
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

describe('the body limit of the route stack', () => {
  it('answers 413 problem+json for a body over the limit', async () => {
    const { check } = handlers(memoryPorts());
    const body = { name: 'x'.repeat(MAX_BODY_BYTES), division: '440305' };
    const result = await check(event({ body }), context);
    expect(result.statusCode).toBe(413);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body!)).toMatchObject({ status: 413, title: 'Payload too large' });
  });

  it('lets a body at the limit through to validation', async () => {
    const { check } = handlers(memoryPorts());
    const body = { name: 'x'.repeat(MAX_BODY_BYTES - 100), division: '440305' };
    expect((await check(event({ body }), context)).statusCode).not.toBe(413);
  });
});
