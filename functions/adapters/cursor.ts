import { ValidationError } from '#domain/errors';

/** Opaque list cursors: the store's position, base64url-encoded, checked on the way back in. */
export function encodeCursor(position: unknown): string | null {
  return position === undefined || position === null ? null : Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new ValidationError('the cursor is not one this API gave out', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
}
