import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES } from '#domain/entity-types';
import { call } from './support.ts';

interface ChecklistBody {
  entityType: string;
  version: string;
  items: { kind: string; required: boolean; description: string; requiredWhen?: string }[];
}
interface ScopeBody {
  items: { code: string; name: string; section: string; preApproval?: boolean; licensed?: boolean }[];
}
type ProblemBody = { errors: { path: string }[] };

const scope = (query: string) => call<ScopeBody>('GET', `/v1/business-scope${query}`);
const errorPaths = (body: unknown) => (body as ProblemBody).errors.map((e) => e.path);

describe('GET /v1/checklists/{entityType}', () => {
  it('lists what a limited liability company files, with conditions on the optional items', async () => {
    const r = await call<ChecklistBody>('GET', '/v1/checklists/limited_liability_company');
    expect(r.status).toBe(200);
    expect(r.body.entityType).toBe('limited_liability_company');
    expect(r.body.version).toMatch(/^checklists@/);
    expect(r.body.items).toContainEqual(
      expect.objectContaining({ kind: 'application_form', required: true, description: expect.any(String) }),
    );
    expect(r.body.items).toContainEqual(
      expect.objectContaining({
        kind: 'pre_approval_document',
        required: false,
        requiredWhen: 'pre_approval_scope',
      }),
    );
    const requiredOnes = r.body.items.filter((i) => i.required);
    expect(requiredOnes.every((i) => i.requiredWhen === undefined)).toBe(true);
  });

  it('answers every entity type, each with an application form', async () => {
    for (const type of ENTITY_TYPES) {
      const r = await call<ChecklistBody>('GET', `/v1/checklists/${type}`);
      expect(r.status, type).toBe(200);
      expect(
        r.body.items.map((i) => i.kind),
        type,
      ).toContain('application_form');
    }
  });

  it('refuses an unknown entity type with the path', async () => {
    const r = await call('GET', '/v1/checklists/llc');
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(errorPaths(r.body)).toEqual(['path.entityType']);
  });
});

describe('GET /v1/business-scope', () => {
  it('lists the catalogue from its start without a query, 20 by default', async () => {
    const r = await scope('');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(20);
    expect(r.body.items[0]).toEqual({ code: 'A01001', name: '谷物种植', section: 'A' });
  });

  it('finds by code prefix and by name, with the flags of licensed items', async () => {
    const byCode = await scope('?q=i65&limit=3');
    expect(byCode.body.items.map((i) => i.code)).toEqual(['I65001', 'I65002', expect.stringMatching(/^I65/)]);
    const byName = await scope(`?q=${encodeURIComponent('软件开发')}`);
    expect(byName.body.items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['I65001', 'I64009', 'I65007']),
    );
    expect(byName.body.items[0]).toEqual({ code: 'I65001', name: '软件开发', section: 'I' });
    const licensed = await scope('?q=A01008');
    expect(licensed.body.items).toEqual([
      { code: 'A01008', name: '农作物种子生产', section: 'A', licensed: true },
    ]);
  });

  it('answers an empty list for nothing matching', async () => {
    const r = await scope(`?q=${encodeURIComponent('不存在的经营范围')}`);
    expect(r).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('refuses a bad limit or an overlong query with the paths', async () => {
    for (const limit of ['0', '101', 'x']) {
      const r = await scope(`?limit=${limit}`);
      expect(r.status, limit).toBe(400);
      expect(errorPaths(r.body), limit).toEqual(['query.limit']);
    }
    const long = await scope(`?q=${'a'.repeat(51)}`);
    expect(long.status).toBe(400);
    expect(errorPaths(long.body)).toEqual(['query.q']);
  });
});
