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
import { logger } from '#adapters/logger';
import type { RouteSchema } from '#contract/routes';
import { HttpProblem, problemResult } from '#http/problem';
import type { LocalIssuer } from './identity.ts';
import { invoke } from './lambda.ts';
import type { RateLimiter } from './rate-limit.ts';

/** API Gateway HTTP APIs accept up to 10 MB; nothing this API takes comes near 1 MB. */
const MAX_BODY_BYTES = 1024 * 1024;

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

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, requestId: string): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { 'apigw-requestid': requestId };
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const body =
    result.body === undefined
      ? undefined
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : result.body;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

const problem = (
  status: number,
  code: string,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
) => problemResult(new HttpProblem(status, code, title, detail, {}, headers));

export function createApiServer(options: ServerOptions): Server {
  const compiled = options.routes.map(compile);
  return createServer(async (req, res) => {
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const method = (req.method ?? 'GET').toUpperCase();
      const path = url.pathname;
      if (path === '/healthz' && !options.isReady()) {
        return send(
          res,
          problem(503, 'starting', 'Service unavailable', 'the engines are still starting', {
            'retry-after': '1',
          }),
          requestId,
        );
      }
      const onPath = compiled.filter((c) => c.pattern.test(path));
      const match = onPath.find((c) => c.route.method === method);
      if (!match) {
        return onPath.length
          ? send(
              res,
              problem(405, 'method-not-allowed', 'Method not allowed', `${method} is not served on ${path}`, {
                allow: onPath.map((c) => c.route.method).join(', '),
              }),
              requestId,
            )
          : send(res, problem(404, 'not-found', 'Not found', `no route for ${method} ${path}`), requestId);
      }
      if (!options.isReady()) {
        return send(
          res,
          problem(503, 'starting', 'Service unavailable', 'the engines are still starting', {
            'retry-after': '1',
          }),
          requestId,
        );
      }
      const { route } = match;
      const sourceIp = req.socket.remoteAddress ?? 'unknown';
      if (route.rateLimited) {
        const wait = options.rateLimit.take(sourceIp);
        if (wait > 0) {
          return send(
            res,
            problem(429, 'rate-limited', 'Too many requests', 'too many requests from this address', {
              'retry-after': String(Math.ceil(wait / 1000)),
            }),
            requestId,
          );
        }
      }
      let claims: Record<string, unknown> | undefined;
      if (route.access !== 'public') {
        const header = req.headers.authorization ?? '';
        const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        if (!token)
          return send(
            res,
            problem(401, 'unauthorized', 'Unauthorized', 'a bearer token is required', {
              'www-authenticate': 'Bearer',
            }),
            requestId,
          );
        try {
          claims = (await options.issuer.verify(token)) as Record<string, unknown>;
        } catch {
          return send(
            res,
            problem(401, 'unauthorized', 'Unauthorized', 'the bearer token is not valid', {
              'www-authenticate': 'Bearer error="invalid_token"',
            }),
            requestId,
          );
        }
      }
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader('connection', 'close');
          return send(
            res,
            problem(
              413,
              'payload-too-large',
              'Payload too large',
              `bodies are limited to ${MAX_BODY_BYTES} bytes`,
            ),
            requestId,
          );
        }
        throw error;
      }
      const match2 = match.pattern.exec(path)!;
      const pathParameters = Object.fromEntries(
        match.names.map((n, i) => [n, safeDecode(match2[i + 1] ?? '')]),
      );
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      );
      const text = body.toString('utf8');
      const binary = body.length > 0 && !Buffer.from(text, 'utf8').equals(body);
      const event: APIGatewayProxyEventV2WithJWTAuthorizer = {
        version: '2.0',
        routeKey: `${route.method} ${route.path}`,
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
          routeKey: `${route.method} ${route.path}`,
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
      const result = (await invoke(route.handler, event)) as APIGatewayProxyStructuredResultV2;
      send(res, result, requestId);
    } catch (error) {
      logger.error('local server could not serve a request', { requestId, error: error as Error });
      send(
        res,
        problem(
          500,
          'internal',
          'Internal error',
          'the request could not be completed; quote the request id to support',
        ),
        requestId,
      );
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

/**
 * Requests Node's parser refuses before any handler runs (raw non-ASCII in the request line, malformed
 * headers) still get a problem+json 400, as every other bad request does.
 */
export function answerParserErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const body = JSON.stringify({
      type: 'urn:one-stop-registry:problem:bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'the request could not be parsed: percent-encode non-ASCII characters in the path and query',
    });
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
    if (error.code !== 'ECONNRESET') logger.warn('unparseable request', { code: error.code });
  });
}

export async function listen(server: Server, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
