import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handlers } from '#api/catalogue';
import { context, errorPaths, event } from './support.ts';

const { checklist, scope } = handlers();

beforeEach(() => void vi.spyOn(process.stdout, 'write').mockImplementation(() => true));
afterEach(() => vi.restoreAllMocks());

describe('catalogue routes', () => {
  it('answers a checklist and refuses an unknown entity type at path.entityType', async () => {
    const ok = await checklist(event({ method: 'GET', path: { entityType: 'partnership' } }), context);
    expect(ok.statusCode).toBe(200);
    const body = JSON.parse(ok.body!);
    expect(body).toMatchObject({ entityType: 'partnership', version: expect.stringMatching(/^checklists@/) });
    expect(body.items).toContainEqual(
      expect.objectContaining({ kind: 'partnership_agreement', required: true }),
    );
    const bad = await checklist(event({ method: 'GET', path: { entityType: 'trust' } }), context);
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad.body)).toEqual(['path.entityType']);
  });

  it('searches the scope with a bounded limit', async () => {
    const ok = await scope(event({ method: 'GET', query: { q: 'I65', limit: '2' } }), context);
    expect(JSON.parse(ok.body!).items.map((i: { code: string }) => i.code)).toEqual(['I65001', 'I65002']);
    const bad = await scope(event({ method: 'GET', query: { limit: '500' } }), context);
    expect(bad.statusCode).toBe(400);
    expect(errorPaths(bad.body)).toEqual(['query.limit']);
  });
});
