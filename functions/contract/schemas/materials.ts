/**
 * Materials (申请材料): the upload request and the ticket answered with it. The limits here are also
 * signed into the upload URL, so S3 enforces the same type and size the request declared.
 */
import * as z from 'zod';
import { loadCatalogue } from '#domain/registration/catalogue';

/** Every kind some checklist names: a material is filed against one of them. */
export const MATERIAL_KINDS: readonly string[] = [
  ...new Set([...loadCatalogue().checklists.values()].flatMap((list) => list.map((item) => item.kind))),
];

/** Scans and photographs of signed paper, and documents born digital. */
export const MATERIAL_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** 20 MiB: a scanned multi-page PDF fits; a single S3 PUT (5 GiB) is far above it. */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const MaterialRequest = z
  .object({
    kind: z.enum(
      MATERIAL_KINDS as [string, ...string[]],
      'a material kind of GET /v1/checklists/{entityType}',
    ),
    // Kept on the record for the examiner's view only; the object key never carries it (it may hold a name).
    fileName: z
      .string()
      .trim()
      .min(1, { message: 'a file name is required', abort: true })
      .max(200)
      .regex(/^[^\p{Cc}/\\]+$/u, 'a file name without control characters or path separators'),
    contentType: z.enum(MATERIAL_CONTENT_TYPES),
    size: z
      .number()
      .int()
      .min(1, 'a material has at least one byte')
      .max(MAX_MATERIAL_BYTES, `at most ${MAX_MATERIAL_BYTES} bytes (20 MiB)`),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'the SHA-256 of the file as 64 hexadecimal digits')
      .transform((hex) => hex.toLowerCase()),
  })
  .meta({ id: 'MaterialRequest' });

export const MaterialTicket = z
  .object({
    materialId: z.string(),
    kind: z.string(),
    status: z.literal('pending'),
    uploadUrl: z.string().meta({ description: 'PUT the file here, with requiredHeaders, before expiresAt' }),
    expiresAt: z.string(),
    requiredHeaders: z
      .record(z.string(), z.string())
      .meta({ description: 'Headers the PUT must send exactly: they are signed into the URL' }),
  })
  .meta({ id: 'MaterialTicket' });
