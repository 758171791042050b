/**
 * GET /openapi.json: the contract, generated from the route table and the zod schemas that validate
 * requests, so the document cannot drift from what the handlers accept. Banks and departments generate
 * their clients from it (docs/integrators.md), so it must load in standard tools: every shared schema
 * is a component and every `$ref` resolves (tests/unit/api/openapi.test.ts lints it with Redocly and
 * generates a client with openapi-typescript).
 */
import * as z from 'zod';
import { CLOUD_ROUTES, ROUTE, type RouteSchema } from '#contract/routes';
import { Problem } from '#contract/schemas/common';
import { httpRoute, json } from '#http/route';
import { errorHeaders, errorStatuses } from './openapi/errors.ts';
import { ComponentSchemas, type JsonObject } from './openapi/schemas.ts';

const BEARER = 'bearer';

function parameters(route: RouteSchema, schemas: ComponentSchemas) {
  const out: JsonObject[] = [];
  for (const [where, schema] of [
    ['path', route.request?.params],
    ['query', route.request?.query],
  ] as const) {
    if (!(schema instanceof z.ZodObject)) continue;
    for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      out.push({
        name,
        in: where,
        required: where === 'path' || !field.safeParse(undefined).success,
        schema: schemas.convert(field, 'input'),
      });
    }
  }
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Repeats with the same key and body get the first response (24 hours, per caller and route)',
      schema: { type: 'string', minLength: 8, maxLength: 128 },
    });
  }
  return out;
}

function responses(route: RouteSchema, schemas: ComponentSchemas, problem: JsonObject) {
  const out: Record<string, JsonObject> = {};
  for (const [status, r] of Object.entries(route.responses)) {
    if (Number(status) >= 400) continue;
    out[status] = {
      description: r.description,
      ...(r.schema
        ? { content: { 'application/json': { schema: schemas.convert(r.schema, 'output') } } }
        : {}),
    };
  }
  for (const [status, description] of errorStatuses(route)) {
    const headers = errorHeaders(status);
    out[String(status)] = {
      description,
      ...(headers ? { headers } : {}),
      content: { 'application/problem+json': { schema: problem } },
    };
  }
  return out;
}

function operation(route: RouteSchema, schemas: ComponentSchemas, problem: JsonObject): JsonObject {
  const body = route.request?.body;
  return {
    operationId: route.id,
    summary: route.summary,
    ...(route.access === 'public'
      ? { security: [] }
      : { security: [{ [BEARER]: [] }], 'x-roles': route.access }),
    parameters: parameters(route, schemas),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.convert(body, 'input') } },
          },
        }
      : {}),
    responses: responses(route, schemas, problem),
  };
}

export function openApiDocument(routes: readonly RouteSchema[] = CLOUD_ROUTES) {
  const schemas = new ComponentSchemas();
  // Read as a request would be: problem details are open to extension members (RFC 9457 §3.2), and
  // ours carry `instance`, `findings` and `reasons`; the closed response reading would refuse them.
  const problem = schemas.convert(Problem, 'input');
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route, schemas, problem);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'One-stop business registration: online hall API', version: '1.0.0' },
    // Relative: resolved against wherever this document was fetched from (a stage, or 127.0.0.1:3000).
    servers: [{ url: '/', description: 'the deployment that serves this document' }],
    paths,
    components: {
      schemas: schemas.components(),
      securitySchemes: { [BEARER]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

let cached: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpRoute(ROUTE.OpenApi, async () => {
  cached ??= openApiDocument();
  return json(200, cached);
});

/** No port is needed, but every handler module is wired the same way. */
export const handlers = (_ports?: unknown) => ({ handler });
