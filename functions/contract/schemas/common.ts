import * as z from 'zod';

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

/** A 6-digit GB/T 2260 division code. */
export const DivisionCode = z.string().regex(/^\d{6}$/, 'must be a 6-digit GB/T 2260 division code');

/**
 * Free text holds no control character (`\p{Cc}`, NUL among them) but tab and line breaks, and none of the
 * bidi controls that make text read otherwise than it is stored.
 */
const NO_CONTROLS = /^(?:[\t\n\r]|[^\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069])*$/u;

/** A reason or other text a person writes, kept on record and shown to others: trimmed, 1 to `max` characters. */
export function freeText(max: number, empty = 'must not be empty') {
  return z
    .string()
    .trim()
    .min(1, empty)
    .max(max)
    .regex(NO_CONTROLS, 'must not contain control or bidi formatting characters');
}

export const Cursor = z.object({
  cursor: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
