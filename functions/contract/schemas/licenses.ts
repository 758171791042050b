/** The e-license's public contract (api.md, Enterprises and licenses). */
import * as z from 'zod';

export { CreditCodeParam } from './enterprises.ts';

export const LicenseVersionParams = z.object({
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'an 18-character Unified Social Credit Code'),
  version: z.coerce.number().int().positive().max(99_999_999),
});

export const StatusListParams = z.object({
  listId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a status list id'),
});

export const LicenseView = z
  .object({
    creditCode: z.string(),
    version: z.number().int().describe('1 at first issue, one more at each reissue'),
    status: z.enum(['active', 'revoked']),
    credential: z.string().describe('the signed license: a W3C VC 2.0 credential as a vc+jwt compact JWS'),
    kid: z.string().describe('the key that signed it, in GET /.well-known/jwks.json'),
    issuedAt: z.string(),
    revokedAt: z.string().optional(),
    pdf: z.object({ url: z.string(), sha256: z.string(), size: z.number().int() }),
    statusList: z.object({ id: z.string(), index: z.number().int() }),
  })
  .meta({ id: 'License' });

export const VerifyLicenseRequest = z
  .object({
    credential: z.string().min(1).describe('the license JWS, as GET /v1/licenses/{creditCode} gives it'),
  })
  .meta({ id: 'VerifyLicenseRequest' });

const Check = z.object({
  ok: z.boolean(),
  code: z.string().optional().describe('stable failure code (docs/integrators-license.md)'),
  reason: z.string().optional(),
});

export const LicenseVerdict = z
  .object({
    valid: z.boolean(),
    status: z
      .enum(['active', 'revoked', 'unknown'])
      .describe(
        '`active` only for a valid license, `revoked` whenever the registry revoked it, `unknown` when neither can be said (a forged, expired or unreadable credential)',
      ),
    checks: z.object({ integrity: Check, issuer: Check, validity: Check, status: Check }),
  })
  .meta({ id: 'LicenseVerdict' });

export const Jwks = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal('EC'),
        crv: z.literal('P-256'),
        x: z.string(),
        y: z.string(),
        kid: z.string(),
        alg: z.string(),
        use: z.string(),
      }),
    ),
  })
  .meta({ id: 'Jwks' });

export const StatusListView = z
  .object({
    id: z.string().describe('the URL every license in this list names as its statusListCredential'),
    credential: z.string().describe('the signed BitstringStatusListCredential, a vc+jwt compact JWS'),
    updatedAt: z.string(),
    validUntil: z
      .string()
      .optional()
      .describe(
        'when this signature stops vouching for the bits (a day after it was made); a list served has at least 12 hours left: refetch before then',
      ),
  })
  .meta({ id: 'StatusList' });
