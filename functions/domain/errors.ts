/**
 * Typed domain errors. The domain throws these; the HTTP layer maps each kind to one status and one
 * problem type in a single place (functions/http/problem.ts), so no handler chooses status codes.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One bad field of a request: `path` as a JSON-pointer-like dotted path, `message` in plain words. */
export interface FieldError {
  path: string;
  message: string;
}

/** The input does not match the schema (400). */
export class ValidationError extends DomainError {
  constructor(
    message: string,
    public readonly errors: FieldError[] = [],
  ) {
    super('validation', message, errors);
  }
}

/** The resource does not exist, or it is someone else's (404: never say which). */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not-found', `${what} was not found`);
  }
}

/** The request conflicts with the current state (409). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}

/** Well-formed but refused by a rule (422); `details` carries every finding or reason. */
export class RuleViolation extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}

/** The caller's role may not use this at all (403). */
export class ForbiddenError extends DomainError {
  constructor(message = 'this role may not use this route') {
    super('forbidden', message);
  }
}

/** No valid credentials on a protected route (401). */
export class UnauthorizedError extends DomainError {
  constructor(message = 'a valid bearer token is required') {
    super('unauthorized', message);
  }
}

/** The store could not answer in full just now (throttled): 503 with Retry-After, never a partial answer. */
export class UnavailableError extends DomainError {
  constructor(
    message: string,
    public readonly retryAfterSeconds = 1,
  ) {
    super('unavailable', message);
  }
}

/** The resource was here and is no longer kept (410); `details` says where to go on from. */
export class GoneError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}
