import { ValidationError } from '#domain/errors';

/**
 * Opaque list cursors: the store's position, tagged with the list it belongs to and base64url-encoded.
 * A cursor from another list, or one made up, is refused with a 400 naming the parameter.
 */
export function encodeCursor(kind: string, position: unknown): string | null {
  return position === undefined || position === null
    ? null
    : Buffer.from(JSON.stringify({ k: kind, p: position })).toString('base64url');
}

export function decodeCursor<T>(kind: string, cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const tagged = decoded as { k?: unknown; p?: unknown } | undefined;
  if (
    !tagged ||
    typeof tagged !== 'object' ||
    tagged.k !== kind ||
    typeof tagged.p !== 'object' ||
    tagged.p === null
  ) {
    throw new ValidationError('the cursor is not one this list gave out', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  }
  return tagged.p as T;
}
