/**
 * GET /openapi.json: the contract, generated from the route table and the zod schemas that validate
 * requests, so the document cannot drift from what the handlers accept.
 */
import { z } from 'zod';
import { CLOUD_ROUTES, ROUTE, type RouteSchema } from '#contract/routes';
import { Problem } from '#contract/schemas/common';
import { httpRoute, json } from '#http/route';

const schemaOf = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });

function parameters(route: RouteSchema) {
  const out: Record<string, unknown>[] = [];
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
        schema: schemaOf(field, 'input'),
      });
    }
  }
  if (route.idempotent) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 8, maxLength: 128 },
    });
  }
  return out;
}

export function openApiDocument(routes: readonly RouteSchema[] = CLOUD_ROUTES) {
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = { 'application/problem+json': { schema: schemaOf(Problem, 'output') } };
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, r] of Object.entries(route.responses)) {
      responses[status] = {
        description: r.description,
        ...(r.schema ? { content: { 'application/json': { schema: schemaOf(r.schema, 'output') } } } : {}),
      };
    }
    if (route.request)
      responses['400'] ??= { description: 'the request does not match the schema', content: problem };
    if (route.access !== 'public') {
      responses['401'] ??= { description: 'no valid token', content: problem };
      responses['403'] ??= { description: 'this role may not use the route', content: problem };
    }
    if (route.rateLimited)
      responses['429'] ??= { description: 'rate limited; see Retry-After', content: problem };
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      ...(route.access === 'public'
        ? { security: [] }
        : { security: [{ bearer: [] }], 'x-roles': route.access }),
      parameters: parameters(route),
      ...(route.request?.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(route.request.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'One-stop business registration: online hall API', version: '1.0.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}

let cached: ReturnType<typeof openApiDocument> | undefined;

export const handler = httpRoute(ROUTE.OpenApi, async () => {
  cached ??= openApiDocument();
  return json(200, cached);
});

/** No port is needed, but every handler module is wired the same way. */
export const handlers = (_ports?: unknown) => ({ handler });
