/**
 * The local API server: the one route table on 127.0.0.1, each route invoking the same Lambda handler the
 * cloud deploys with an API Gateway HTTP API (payload 2.0) event. Like API Gateway, it verifies the JWT on
 * protected routes (401 before the handler runs), caps bodies, throttles public routes, and never lets a
 * handler failure take the process down.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RouteSchema } from '#contract/routes';
import { servesHead } from '#contract/routes/types';
import { HttpProblem, problemResult } from '#http/problem';
import { logRequest, MAX_BODY_BYTES } from '#http/route';
import type { LocalIssuer } from './identity.ts';
import { invoke } from './lambda.ts';
import type { RateLimiter } from './rate-limit.ts';

/**
 * Request headers above this are refused with 431 by Node's parser (its default size, stated here so
 * the limit is one the server says). API Gateway HTTP APIs allow 10 KB of headers.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

interface CompiledRoute {
  route: RouteSchema;
  pattern: RegExp;
  names: string[];
}

function compile(route: RouteSchema): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a, b) => {
      names.push(a ?? b);
      return '([^/]+)';
    });
  return { route, pattern: new RegExp(`^${source}$`), names };
}

export interface ServerOptions {
  routes: readonly RouteSchema[];
  issuer: LocalIssuer;
  isReady: () => boolean;
  rateLimit: RateLimiter;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Every problem names its request, those the server answers itself (401, 413, 429…) as the handlers' do. */
function withInstance(body: string, contentType: string | undefined, requestId: string): string {
  if (!contentType?.startsWith('application/problem+json') || body.includes('"instance"')) return body;
  try {
    return JSON.stringify({ ...JSON.parse(body), instance: requestId });
  } catch {
    return body;
  }
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, requestId: string): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'apigw-requestid': requestId };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const body =
    result.body === undefined
      ? undefined
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : withInstance(result.body, headers['content-type'], requestId);
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

type Result = APIGatewayProxyStructuredResultV2;

const problem = (
  status: number,
  code: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): Result => problemResult(new HttpProblem(status, code, title, detail, {}, headers));

const starting = () =>
  problem(503, 'starting', 'Service unavailable', 'the engines are still starting', { 'retry-after': '1' });

/** The route for a method and path (HEAD: a public GET route's, `servesHead`), or the 404 / 405 instead. */
function routeFor(compiled: CompiledRoute[], method: string, path: string): CompiledRoute | Result {
  const onPath = compiled.filter((c) => c.pattern.test(path));
  const match =
    onPath.find((c) => c.route.method === method) ??
    (method === 'HEAD' ? onPath.find((c) => servesHead(c.route)) : undefined);
  if (match) return match;
  const allowed = onPath.flatMap((c) => (servesHead(c.route) ? ['GET', 'HEAD'] : [c.route.method]));
  return onPath.length
    ? problem(405, 'method-not-allowed', 'Method not allowed', `${method} is not served on ${path}`, {
        allow: allowed.join(', '),
      })
    : problem(404, 'not-found', 'Not found', `no route for ${method} ${path}`);
}

/** What API Gateway does before a handler runs: throttling and JWT verification. Claims, or the refusal. */
async function admit(
  options: ServerOptions,
  route: RouteSchema,
  req: IncomingMessage,
  sourceIp: string,
): Promise<{ claims?: Record<string, unknown> } | Result> {
  if (route.rateLimited) {
    const wait = options.rateLimit.take(sourceIp);
    if (wait > 0)
      return problem(429, 'rate-limited', 'Too many requests', 'too many requests from this address', {
        'retry-after': String(Math.ceil(wait / 1000)),
      });
  }
  if (route.access === 'public') return {};
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token)
    return problem(401, 'unauthorized', 'Unauthorized', 'a bearer token is required', {
      'www-authenticate': 'Bearer',
    });
  try {
    return { claims: (await options.issuer.verify(token)) as Record<string, unknown> };
  } catch {
    return problem(401, 'unauthorized', 'Unauthorized', 'the bearer token is not valid', {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  }
}

const isResult = (v: object): v is Result => 'statusCode' in v;

interface Incoming {
  req: IncomingMessage;
  url: URL;
  method: string;
  requestId: string;
  sourceIp: string;
}

/** The API Gateway HTTP API (payload 2.0) event the cloud would hand the same handler. */
function eventFor(
  { req, url, method, requestId, sourceIp }: Incoming,
  match: CompiledRoute,
  claims: Record<string, unknown> | undefined,
  body: Buffer,
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { route } = match;
  const path = url.pathname;
  const parts = match.pattern.exec(path)!;
  const pathParameters = Object.fromEntries(match.names.map((n, i) => [n, safeDecode(parts[i + 1] ?? '')]));
  const headers = Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
  );
  const text = body.toString('utf8');
  const binary = body.length > 0 && !Buffer.from(text, 'utf8').equals(body);
  // As the cloud's: a HEAD request comes in on its own HEAD route.
  const routeKey = `${method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.searchParams.size ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    ...(match.names.length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: (claims ?? {}) as never, scopes: [] },
      },
    },
    ...(body.length ? { body: binary ? body.toString('base64') : text } : {}),
    isBase64Encoded: binary,
  };
}

/** The answer, the route it was for, and whether the route's handler gave it (and logged it, as in the cloud). */
interface Answer {
  result: Result;
  route?: RouteSchema;
  byHandler?: boolean;
}

async function answer(
  incoming: Incoming,
  res: ServerResponse,
  compiled: CompiledRoute[],
  options: ServerOptions,
): Promise<Answer> {
  const { req, url, method, sourceIp } = incoming;
  if (url.pathname === '/healthz' && !options.isReady()) return { result: starting() };
  const match = routeFor(compiled, method, url.pathname);
  if (isResult(match)) return { result: match };
  const { route } = match;
  if (!options.isReady()) return { result: starting(), route };
  const admitted = await admit(options, route, req, sourceIp);
  if (isResult(admitted)) return { result: admitted, route };
  let body: Buffer;
  try {
    body = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    res.setHeader('connection', 'close');
    const result = problem(
      413,
      'payload-too-large',
      'Payload too large',
      `bodies are limited to ${MAX_BODY_BYTES} bytes`,
    );
    return { result, route };
  }
  const event = eventFor(incoming, match, admitted.claims, body);
  return { result: (await invoke(route.handler, event)) as Result, route, byHandler: true };
}

export function createApiServer(options: ServerOptions): Server {
  const compiled = options.routes.map(compile);
  return createServer({ maxHeaderSize: MAX_HEADER_BYTES }, async (req, res) => {
    const requestId = randomUUID();
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    // What the server answers itself gets the line a handler writes for its own: by route id, never the path.
    const line = (status: number, route?: RouteSchema) => ({
      requestId,
      route: route?.id,
      method,
      status,
      durationMs: Date.now() - started,
    });
    try {
      const incoming: Incoming = {
        req,
        url: new URL(req.url ?? '/', 'http://local'),
        method,
        requestId,
        sourceIp: req.socket.remoteAddress ?? 'unknown',
      };
      const { result, route, byHandler } = await answer(incoming, res, compiled, options);
      send(res, result, requestId);
      if (!byHandler) logRequest(line(result.statusCode ?? 200, route));
    } catch (error) {
      logRequest(line(500), error);
      const detail = 'the request could not be completed; quote the request id to support';
      send(res, problem(500, 'internal', 'Internal error', detail), requestId);
    }
  });
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
