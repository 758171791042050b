/**
 * The one place where errors become HTTP: RFC 9457 problem details. A 4xx says what is wrong and where;
 * a 5xx says nothing about internals (the log line has the request id to find them).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodError } from 'zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  RuleViolation,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from '#domain/errors';

export const PROBLEM_BASE = 'urn:one-stop-registry:problem:';

export class HttpProblem extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly title: string,
    detail: string,
    public readonly extra: Record<string, unknown> = {},
    public readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Refused by a rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function zodToValidation(error: ZodError, where: 'body' | 'query' | 'path'): ValidationError {
  return new ValidationError(
    `the request ${where} does not match the schema`,
    error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message })),
  );
}

function problemOf(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ValidationError)
    return new HttpProblem(400, 'validation', TITLES[400]!, error.message, { errors: error.errors });
  if (error instanceof UnauthorizedError)
    return new HttpProblem(
      401,
      'unauthorized',
      TITLES[401]!,
      error.message,
      {},
      { 'www-authenticate': 'Bearer' },
    );
  if (error instanceof ForbiddenError) return new HttpProblem(403, 'forbidden', TITLES[403]!, error.message);
  if (error instanceof NotFoundError) return new HttpProblem(404, 'not-found', TITLES[404]!, error.message);
  if (error instanceof ConflictError)
    return new HttpProblem(409, error.code, TITLES[409]!, error.message, detailsOf(error));
  if (error instanceof GoneError)
    return new HttpProblem(410, error.code, TITLES[410]!, error.message, detailsOf(error));
  if (error instanceof RuleViolation)
    return new HttpProblem(422, error.code, TITLES[422]!, error.message, detailsOf(error));
  if (error instanceof UnavailableError) return unavailable(error.message, error.retryAfterSeconds);
  if (error instanceof DomainError) return new HttpProblem(400, error.code, TITLES[400]!, error.message);
  // The store throttled the request after the SDK's own retries: the client may try again shortly.
  if (error instanceof Error && THROTTLED.has(error.name))
    return unavailable('the registry is busy; try again shortly', 1);
  return new HttpProblem(
    500,
    'internal',
    TITLES[500]!,
    'the request could not be completed; quote the request id to support',
  );
}

const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

function unavailable(detail: string, retryAfterSeconds: number): HttpProblem {
  return new HttpProblem(
    503,
    'unavailable',
    TITLES[503]!,
    detail,
    {},
    { 'retry-after': String(retryAfterSeconds) },
  );
}

function detailsOf(error: DomainError): Record<string, unknown> {
  return error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {};
}

export function problemResponse(error: unknown, instance?: string): APIGatewayProxyStructuredResultV2 {
  const p = problemOf(error);
  return problemResult(p, instance);
}

/**
 * A detail may quote the request (a 404's id comes from the path): control and invisible formatting
 * characters (a right-to-left override among them) are shown as U+FFFD, so the detail reads as it is.
 */
const UNSHOWN = /[\p{Cc}\p{Cf}]/gu;

export function problemResult(p: HttpProblem, instance?: string): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: p.status,
    headers: { 'content-type': 'application/problem+json', ...p.headers },
    body: JSON.stringify({
      type: `${PROBLEM_BASE}${p.code}`,
      title: p.title,
      status: p.status,
      detail: p.message.replace(UNSHOWN, '\uFFFD'),
      ...(instance ? { instance } : {}),
      ...p.extra,
    }),
  };
}

export function isServerError(error: unknown): boolean {
  return problemOf(error).status >= 500;
}
