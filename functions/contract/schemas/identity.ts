/**
 * The platform's token service (docs/decisions/0017-identity.md): the identity providers a deployment
 * names (CDK context in the cloud, the IDENTITY_PROVIDERS setting locally), the OAuth 2.0 token
 * exchange (RFC 8693) body and answer, and the issuer metadata the API's JWT authorizer reads.
 */
import * as z from 'zod';
import type { IdentityProvider } from '#domain/identity/provider';
import { STAFF_ROLES } from '#domain/identity/provider';

/** What a provider's tokens may be signed with: asymmetric only, never `none` or a shared secret. */
export const PROVIDER_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'] as const;

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/** https, or http on loopback (a local fake provider): keys are never fetched in clear over a network. */
const KeysUrl = z
  .url()
  .refine((u) => u.startsWith('https://') || LOOPBACK.test(u), 'must be https (or http on loopback)');

const ClaimName = z.string().trim().min(1).max(128);

const RoleSource = z.union([
  z.strictObject({ fixed: z.literal('applicant') }),
  z.strictObject({
    claim: ClaimName,
    values: z.record(z.string().min(1).max(128), z.enum(STAFF_ROLES)).optional(),
    otherwise: z.literal('applicant').optional(),
  }),
]);

export const IdentityProviderConfig = z
  .strictObject({
    id: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,31}$/,
        'lowercase letters, digits and hyphens, 2 to 32, starting with a letter',
      ),
    issuer: z.url(),
    audience: z.string().min(1).max(256),
    jwksUri: KeysUrl.optional(),
    jwks: z.strictObject({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).optional(),
    algorithms: z.array(z.enum(PROVIDER_ALGORITHMS)).min(1).default(['RS256', 'ES256']),
    realNameVerified: z.boolean().default(false),
    role: RoleSource,
    claims: z
      .strictObject({
        subject: ClaimName.default('sub'),
        idNumber: ClaimName.optional(),
        branchId: ClaimName.optional(),
        departmentCode: ClaimName.optional(),
        authority: ClaimName.optional(),
      })
      .default({ subject: 'sub' }),
  })
  .superRefine((p, ctx) => {
    if (Boolean(p.jwksUri) === Boolean(p.jwks))
      ctx.addIssue({ code: 'custom', path: ['jwksUri'], message: 'give exactly one of jwksUri and jwks' });
    // A flag that says nothing would hide a mistake: an identity number read from a provider that does
    // not verify real names is never used, so naming one there is an error, not a no-op.
    if (p.claims.idNumber && !p.realNameVerified)
      ctx.addIssue({
        code: 'custom',
        path: ['claims', 'idNumber'],
        message: 'only a provider with realNameVerified: true may name an identity number claim',
      });
    if ('fixed' in p.role && (p.claims.branchId || p.claims.departmentCode || p.claims.authority))
      ctx.addIssue({
        code: 'custom',
        path: ['claims'],
        message:
          'an applicants’ provider binds no branch, department or authority: only a staff directory does',
      });
  });

export const IdentityProviders = z.array(IdentityProviderConfig).superRefine((list, ctx) => {
  for (const key of ['id', 'issuer'] as const) {
    const seen = new Set<string>();
    list.forEach((p, i) => {
      if (seen.has(p[key]))
        ctx.addIssue({
          code: 'custom',
          path: [i, key],
          message: `two providers share the ${key} '${p[key]}'`,
        });
      seen.add(p[key]);
    });
  }
});

/** Parses a providers list given as JSON (an environment variable, a CDK context string); throws naming the issue. */
export function parseIdentityProviders(json: string, where: string): IdentityProvider[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`${where} is not JSON: ${(error as Error).message}`);
  }
  const result = IdentityProviders.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(list)'}: ${i.message}`);
    throw new Error(`${where} is not a list of identity providers: ${issues.join('; ')}`);
  }
  // Typed as the domain's provider: a schema that drifts from it fails to compile here.
  return result.data;
}

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

export const TokenExchangeRequest = z
  .strictObject({
    grant_type: z.literal(TOKEN_EXCHANGE_GRANT),
    /** The provider's ID token (a JWT), as it gave it. */
    subject_token: z
      .string()
      .min(16)
      .max(16 * 1024),
    subject_token_type: z.enum([ID_TOKEN_TYPE, JWT_TOKEN_TYPE]),
    requested_token_type: z.literal(JWT_TOKEN_TYPE).optional(),
  })
  .meta({ id: 'TokenExchangeRequest', description: 'RFC 8693 token exchange, as JSON' });

export const TokenExchangeResponse = z
  .object({
    access_token: z.string(),
    issued_token_type: z.literal(JWT_TOKEN_TYPE),
    token_type: z.literal('Bearer'),
    /** Seconds until it expires: never past the provider's own token. */
    expires_in: z.number().int().positive(),
  })
  .meta({ id: 'TokenExchangeResponse' });

export const OpenIdConfiguration = z
  .object({
    issuer: z.string(),
    jwks_uri: z.string(),
    token_endpoint: z.string(),
    grant_types_supported: z.array(z.string()),
    token_endpoint_auth_methods_supported: z.array(z.string()),
    response_types_supported: z.array(z.string()),
    subject_types_supported: z.array(z.string()),
    id_token_signing_alg_values_supported: z.array(z.string()),
    claims_supported: z.array(z.string()),
  })
  .meta({ id: 'OpenIdConfiguration', description: 'OpenID Connect Discovery 1.0 metadata of the platform' });

export const PlatformJwks = z
  .object({
    keys: z.array(
      z.object({
        kty: z.literal('RSA'),
        kid: z.string(),
        n: z.string(),
        e: z.string(),
        alg: z.literal('RS256'),
        use: z.literal('sig'),
      }),
    ),
  })
  .meta({ id: 'PlatformJwks', description: 'The keys that sign platform tokens' });
