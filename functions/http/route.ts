/**
 * The HTTP stack every API handler is wrapped in (middy): problem+json errors, one log line per request,
 * the caller's role checked against the route table, the body, path and query validated with the route's
 * zod schemas, and `Idempotency-Key` honoured where the route says so. The handler itself receives typed,
 * validated input and a caller, and returns a status and a body.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '#adapters/logger';
import type { RouteSchema } from '#contract/routes';
import type { Caller } from '#domain/caller';
import { ForbiddenError, UnauthorizedError, ValidationError } from '#domain/errors';
import type { Ports } from '#ports/ports';
import { readCaller } from './claims.ts';
import { idempotency } from './idempotency.ts';
import { HttpProblem, isServerError, problemResponse, zodToValidation } from './problem.ts';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResponse = APIGatewayProxyStructuredResultV2;

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;
type Part<R extends RouteSchema, K extends 'body' | 'query' | 'params'> = R extends {
  request: { [P in K]: infer S };
}
  ? Out<S>
  : undefined;

export interface HttpRequest<R extends RouteSchema> {
  body: Part<R, 'body'>;
  query: Part<R, 'query'>;
  params: Part<R, 'params'>;
  caller: R['access'] extends 'public' ? Caller | undefined : Caller;
  headers: Readonly<Record<string, string | undefined>>;
  /** The client's address, for rate limits. */
  sourceIp: string;
  requestId: string;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bytes sent as they are (a PDF), base64 in the Lambda result as API Gateway expects; `body` is then ignored. */
  binary?: Uint8Array;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResult => ({
  status,
  body,
  headers,
});

/**
 * The one body limit: above it a request is answered 413 before parsing. The local server refuses at the
 * same size before reading further (infra/local/http-server.ts imports this); API Gateway's own cap is higher.
 */
export const MAX_BODY_BYTES = 256 * 1024;

const parsed = new WeakMap<object, Omit<HttpRequest<RouteSchema>, 'headers' | 'sourceIp' | 'requestId'>>();

/** Every error becomes a problem; a server error is kept for the request's log line (`failures`). */
function problems(failures: WeakMap<object, unknown>): MiddlewareObj<HttpEvent, HttpResponse> {
  return {
    onError: (request) => {
      const error = request.error;
      if (isServerError(error)) failures.set(request.event, error);
      request.response = problemResponse(error, request.context.awsRequestId);
      return request.response;
    },
  };
}

/** What a request's log line says: ids, the route's id (never the path: it can carry ids), never a body. */
export interface RequestLine {
  requestId: string;
  /** The route table's id; none for a path no route serves. */
  route: string | undefined;
  method: string | undefined;
  status: number;
  durationMs: number;
  role?: string | undefined;
}

/**
 * The one line of a request: INFO for an answer, ERROR (with what failed) for a 5xx. Nothing is appended
 * to the shared logger: the local runtime serves concurrent requests from one process, and keys set for
 * one would leak into another's.
 */
export function logRequest(line: RequestLine, error?: unknown): void {
  if (line.status < 500) logger.info('request', { ...line });
  else logger.error('request', { ...line, ...(error === undefined ? {} : { error: error as Error }) });
}

function authorize(route: RouteSchema): MiddlewareObj<HttpEvent, HttpResponse> {
  return {
    before: (request) => {
      if (route.access === 'public') return;
      const caller = readCaller(request.event);
      if (!caller) throw new UnauthorizedError();
      if (!route.access.includes(caller.role))
        throw new ForbiddenError(`the role '${caller.role}' may not use ${route.method} ${route.path}`);
    },
  };
}

function parseBody(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new HttpProblem(
      413,
      'payload-too-large',
      'Payload too large',
      `bodies are limited to ${MAX_BODY_BYTES} bytes`,
    );
  }
  const type = event.headers?.['content-type'] ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ValidationError('the body must be JSON', [
      { path: 'body', message: `content-type '${type}' is not JSON` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError('the body is not valid JSON', [
      { path: 'body', message: (error as Error).message },
    ]);
  }
}

function validate(route: RouteSchema): MiddlewareObj<HttpEvent, HttpResponse> {
  return {
    before: (request) => {
      const { event } = request;
      const schemas = route.request ?? {};
      const check = (schema: z.ZodType | undefined, value: unknown, where: 'body' | 'query' | 'path') => {
        if (!schema) return undefined;
        const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
        if (!result.success) throw zodToValidation(result.error, where);
        return result.data;
      };
      const body = schemas.body ? parseBody(event) : undefined;
      parsed.set(event, {
        body: check(schemas.body, body, 'body'),
        query: check(schemas.query, event.queryStringParameters, 'query'),
        params: check(schemas.params, event.pathParameters, 'path'),
        caller: readCaller(event),
      } as never);
    },
  };
}

export function toResponse(result: HttpResult): HttpResponse {
  if (result.binary)
    return {
      statusCode: result.status,
      headers: { 'content-type': 'application/octet-stream', ...result.headers },
      body: Buffer.from(result.binary).toString('base64'),
      isBase64Encoded: true,
    };
  return {
    statusCode: result.status,
    headers: {
      ...(result.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...result.headers,
    },
    ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
  };
}

/**
 * The handler of one route. `ports` is what the composition root wired; the stack takes the idempotency
 * store from it (only where the route honours the header, so a route without it never touches the store).
 */
export function httpRoute<R extends RouteSchema>(
  route: R,
  fn: (request: HttpRequest<R>) => Promise<HttpResult>,
  ports?: Pick<Ports, 'idempotency'>,
) {
  const failures = new WeakMap<object, unknown>();
  const stack = middy<HttpEvent, HttpResponse, Error, Context>()
    .use(problems(failures))
    .use(authorize(route))
    .use(validate(route));
  if (route.idempotent) {
    if (!ports) throw new Error(`route ${route.id} honours Idempotency-Key: give it the ports`);
    stack.use(idempotency(route, () => ports.idempotency));
  }
  const handler = stack.handler(async (event, context) => {
    const input = parsed.get(event);
    const result = await fn({
      ...(input as object),
      headers: event.headers ?? {},
      sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
      requestId: context.awsRequestId,
    } as HttpRequest<R>);
    return toResponse(result);
  });
  // Logged around the stack, not in it: a refusal, a replayed response and a 5xx each end middy's chain
  // early, and each still gets its one line.
  return async (event: HttpEvent, context: Context): Promise<HttpResponse> => {
    const started = Date.now();
    const response = await handler(event, context);
    logRequest(
      {
        requestId: context.awsRequestId,
        route: route.id,
        method: event.requestContext?.http?.method,
        status: response.statusCode ?? 200,
        durationMs: Date.now() - started,
        role: readCaller(event)?.role,
      },
      failures.get(event),
    );
    return forMethod(event, response);
  };
}

/**
 * HEAD (served where a public route is GET: the local server, and the cloud's HEAD routes) answers as
 * GET does, status and headers, with the length the body would have had and no body (RFC 9110 §9.3.2).
 */
export function forMethod(event: HttpEvent, response: HttpResponse): HttpResponse {
  if (event.requestContext?.http?.method !== 'HEAD' || response.body === undefined) return response;
  const { body, isBase64Encoded, ...rest } = response;
  const length = isBase64Encoded ? Buffer.from(body, 'base64').byteLength : Buffer.byteLength(body);
  return { ...rest, headers: { ...rest.headers, 'content-length': String(length) } };
}
