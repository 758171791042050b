/** API Gateway HTTP API (payload 2.0) events and a Lambda context, to call route handlers directly. */
import type { Context } from 'aws-lambda';
import type { HttpEvent } from '#http/route';

export const context = {
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

export function event(over: {
  method?: string;
  body?: unknown;
  claims?: Record<string, string>;
  headers?: Record<string, string>;
  path?: Record<string, string>;
  query?: Record<string, string>;
}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'x',
    rawPath: '/',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...over.headers },
    ...(over.path ? { pathParameters: over.path } : {}),
    ...(over.query ? { queryStringParameters: over.query } : {}),
    requestContext: {
      http: {
        method: over.method ?? 'POST',
        path: '/',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 't',
      },
      requestId: 'r',
      authorizer: { jwt: { claims: over.claims ?? {}, scopes: [] }, principalId: '', integrationLatency: 0 },
    },
    ...(over.body !== undefined
      ? { body: typeof over.body === 'string' ? over.body : JSON.stringify(over.body) }
      : {}),
    isBase64Encoded: false,
  } as unknown as HttpEvent;
}

/** The field paths of a problem+json 400. */
export const errorPaths = (body: string | undefined) =>
  (JSON.parse(body!).errors as { path: string }[]).map((e) => e.path);
