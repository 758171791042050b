/**
 * An item's size as DynamoDB counts it for capacity: each attribute's name (UTF-8 bytes) plus its value.
 * Strings are their UTF-8 bytes; numbers about one byte per two significant digits plus one; booleans and
 * nulls one byte; lists and maps three bytes plus one per element plus the elements (names included for
 * maps). The DynamoDB developer guide's item-size rules (docs/capacity.md cites them).
 */
const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

export function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number')
    return Math.ceil(String(Math.abs(value)).replace(/[.-]/g, '').length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueSize(v), 0);
  if (typeof value === 'object')
    return (
      3 +
      Object.entries(value as Record<string, unknown>).reduce(
        (n, [k, v]) => n + 1 + utf8(k) + valueSize(v),
        0,
      )
    );
  return utf8(String(value));
}

export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [k, v]) => n + utf8(k) + valueSize(v), 0);
}
