/**
 * GET /openapi.json is what banks and departments build their clients from: it must load in the tools
 * they use. Redocly's linter (recommended rules) and openapi-typescript read the document as generated,
 * in memory: no server, no network.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { handlers, openApiDocument } from '#api/openapi';
import { ComponentSchemas } from '#api/openapi/schemas';
import { CLOUD_ROUTES } from '#contract/routes';
import { context, event } from './support.ts';

type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};

const doc = openApiDocument();
const operations = Object.values(doc.paths).flatMap((byMethod) => Object.values(byMethod)) as Operation[];
const operationOf = (id: string) => operations.find((o) => o.operationId === id)!;

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, out);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      key === '$ref' && typeof child === 'string' ? out.push(child) : refsIn(child, out);
  return out;
}

/** Warnings we accept, each for a reason: no licence is granted; these routes have no 4xx at all. */
const ACCEPTED_WARNINGS = [
  'info-license #/info',
  'operation-4xx-response #/paths/~1healthz/get/responses',
  'operation-4xx-response #/paths/~1openapi.json/get/responses',
  // The operators' console page (docs/console.md): no input, nothing to refuse.
  'operation-4xx-response #/paths/~1console/get/responses',
  // The token issuer's metadata, which the JWT authorizer reads: no input, no 4xx (and no route throttle).
  'operation-4xx-response #/paths/~1.well-known~1openid-configuration/get/responses',
  'operation-4xx-response #/paths/~1v1~1auth~1jwks.json/get/responses',
  // api.md names both: a credit code (18 characters of GB 32100's alphabet) is never `status-lists`.
  'no-ambiguous-paths #/paths/~1v1~1licenses~1status-lists~1{listId}',
];

describe('the OpenAPI document, as integrators load it', () => {
  it('passes Redocly’s recommended rules with no error, every $ref resolved', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: '/openapi.json',
      config,
    });
    const said = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(said.filter((p) => p.startsWith('error'))).toEqual([]);
    const warnings = problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
    expect(warnings.filter((w) => !ACCEPTED_WARNINGS.includes(w))).toEqual([]);
  });

  it('generates a typed client with openapi-typescript', async () => {
    const client = astToString(await openapiTS(doc as never));
    expect(client).toContain('"/v1/names/reservations": {');
    expect(client).toContain('ReserveName: {');
    expect(client).toMatch(/"application\/problem\+json": components\["schemas"\]\["Problem"\]/);
    expect(client).toMatch(/"application\/json": components\["schemas"\]\["RegistrationRequest"\]/);
  });

  it('keeps shared schemas under components/schemas, and every $ref points at one', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain('$defs');
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['Problem', 'RegistrationRequest', 'Finding']),
    );
    for (const ref of refsIn(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(schemas).toHaveProperty([ref.slice('#/components/schemas/'.length)]);
    }
    expect(doc.servers.length).toBeGreaterThan(0);
  });

  it('puts the bearer scheme on every protected operation and none on public ones', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const route of CLOUD_ROUTES) {
      const op = operationOf(route.id);
      expect(op.security, route.id).toEqual(route.access === 'public' ? [] : [{ bearer: [] }]);
    }
  });

  it('lists the errors each route can give, each as problem+json', () => {
    for (const route of CLOUD_ROUTES) {
      const statuses = Object.keys(operationOf(route.id).responses).map(Number);
      const expected = [
        ...Object.keys(route.responses).map(Number),
        ...(route.request ? [400] : []),
        ...(route.access === 'public' ? [] : [401, 403]),
        ...(route.request?.body ? [413] : []),
        ...(route.idempotent ? [409, 422] : []),
        ...(route.rateLimited ? [429] : []),
      ];
      expect(statuses, route.id).toEqual(expect.arrayContaining(expected));
      for (const status of statuses.filter((s) => s >= 400))
        expect(operationOf(route.id).responses[status]?.content, `${route.id} ${status}`).toEqual({
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        });
    }
    expect(Object.keys(operationOf('GetRegistration').responses)).toContain('404');
    expect(Object.keys(operationOf('GetEnterprise').responses)).toEqual(
      expect.arrayContaining(['404', '429', '503']),
    );
    expect(Object.keys(operationOf('CheckList').responses)).not.toContain('404');
  });

  it('describes problem details open to their extension members (instance, findings)', () => {
    expect(doc.components.schemas.Problem).not.toHaveProperty('additionalProperties', false);
  });
});

describe('ComponentSchemas', () => {
  it('gives a schema that reads differently as a request its own <id>Input component', () => {
    const Kind = z.enum(['a', 'b']).meta({ id: 'OpenApiTestKind' });
    const Inner = z.object({ n: z.number().default(1), kind: Kind }).meta({ id: 'OpenApiTestInner' });
    const Outer = z.object({ inner: Inner }).meta({ id: 'OpenApiTestOuter' });
    const schemas = new ComponentSchemas();
    const request = schemas.convert(z.object({ outer: Outer, kind: Kind }), 'input');
    const response = schemas.convert(z.object({ outer: Outer, kind: Kind }), 'output');
    const components = schemas.components();
    // The enum reads the same both ways: one component. The objects do not (defaults, closed objects).
    expect(Object.keys(components).sort()).toEqual([
      'OpenApiTestInner',
      'OpenApiTestInnerInput',
      'OpenApiTestKind',
      'OpenApiTestOuter',
      'OpenApiTestOuterInput',
    ]);
    expect(refsIn(request)).toEqual([
      '#/components/schemas/OpenApiTestOuterInput',
      '#/components/schemas/OpenApiTestKind',
    ]);
    expect(refsIn(response)).toEqual([
      '#/components/schemas/OpenApiTestOuter',
      '#/components/schemas/OpenApiTestKind',
    ]);
    expect(refsIn(components.OpenApiTestOuterInput)).toEqual(['#/components/schemas/OpenApiTestInnerInput']);
    expect(refsIn(components.OpenApiTestInnerInput)).toEqual(['#/components/schemas/OpenApiTestKind']);
    expect(components.OpenApiTestInner).toMatchObject({ required: ['n', 'kind'] });
    expect(components.OpenApiTestInnerInput).toMatchObject({ required: ['kind'] });
  });

  it('refuses two different schemas under one id', () => {
    const schemas = new ComponentSchemas();
    const a = z.object({ a: z.string() }).meta({ id: 'OpenApiTestSame' });
    const b = z.object({ b: z.string() }).meta({ id: 'OpenApiTestSame' });
    schemas.convert(z.object({ x: a }), 'output');
    expect(() => schemas.convert(z.object({ y: b }), 'output')).toThrow(
      "two different schemas share the id 'OpenApiTestSame'",
    );
  });
});

describe('GET /openapi.json', () => {
  beforeEach(() => void vi.spyOn(process.stdout, 'write').mockImplementation(() => true));
  afterEach(() => vi.restoreAllMocks());

  it('serves the document', async () => {
    const response = await handlers().handler(event({ method: 'GET' }), context);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toMatchObject({ openapi: '3.1.0', servers: [{ url: '/' }] });
  });
});
