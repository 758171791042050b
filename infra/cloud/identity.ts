/**
 * Who may call the protected routes (docs/decisions/0017-identity.md). An HTTP API JWT authorizer
 * trusts one issuer, and many routes serve applicants and staff alike, who come from different
 * providers; so the platform is that one issuer. Its token service (functions/api/auth.ts) exchanges a
 * provider's ID token for a platform token signed with a KMS key of its own (RSA_2048: the authorizer
 * verifies RSA signatures only), and the authorizer of every protected route trusts that issuer and
 * audience alone. The providers are the deployment's (`registry:identityProviders`, config.ts); the
 * Cognito user pool (cognito.ts) is one more, in the global regions only, when `registry:cognito` is on.
 */
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { TOKEN_ENV } from '#contract/identity';
import type { RouteGrants } from '#contract/routes';
import type { IdentityProvider } from '#domain/identity/provider';
import { RegistryUserPool } from './cognito.ts';
import type { IdentityConfig } from './config.ts';

export type TokenUse = NonNullable<RouteGrants['platformTokens']>;

/**
 * What each use may do with the token key. Signing reads the public key too (the kid is its
 * thumbprint); publishing reads only that; the discovery document needs no key at all.
 */
export const TOKEN_KEY_ACTIONS: Record<TokenUse, readonly string[]> = {
  sign: ['kms:Sign', 'kms:GetPublicKey'],
  publicKey: ['kms:GetPublicKey'],
  issuer: [],
};

/** Lambda's whole environment is 4 KB: the providers' JSON must leave room for the rest. */
const MAX_PROVIDERS_JSON = 2048;

export interface PlatformIdentityProps {
  config: IdentityConfig;
  api: HttpApi;
  logLevel: string;
}

export class PlatformIdentity extends Construct {
  /** The platform's issuer URL: the configured domain, or the API's own execute-api URL. */
  readonly issuer: string;
  readonly audience: string;
  /** Signs platform tokens (RSA_2048, RS256); only the token exchange may use it to sign. */
  readonly tokenKey: Key;
  /** The authorizer every protected route uses: the platform's issuer and audience, nothing else. */
  readonly authorizer: HttpJwtAuthorizer;
  /** The optional Cognito user pool (registry:cognito), one more provider. */
  readonly userPool: RegistryUserPool | undefined;
  readonly providers: readonly IdentityProvider[];

  constructor(scope: Construct, id: string, props: PlatformIdentityProps) {
    super(scope, id);
    const { config, api } = props;
    // The API's own URL is built from the partition's URL suffix: amazonaws.com.cn in China. A Chinese
    // deployment serves the API under its ICP-filed domain, which `registry:tokenIssuer` then names.
    this.issuer = config.tokenIssuer ?? `https://${api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    this.audience = config.tokenAudience;

    this.tokenKey = new Key(this, 'TokenSigningKey', {
      description: 'Signs platform tokens (RS256) for the API’s JWT authorizer; never the licenses',
      keySpec: KeySpec.RSA_2048,
      keyUsage: KeyUsage.SIGN_VERIFY,
      alias: `alias/${Stack.of(this).stackName.toLowerCase()}/platform-token`,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.authorizer = new HttpJwtAuthorizer('PlatformJwt', this.issuer, {
      jwtAudience: [this.audience],
    });

    // The pool's construct id is the one the default app gave it before the token service, so a pool
    // already deployed keeps its logical id.
    this.userPool = config.cognito
      ? new RegistryUserPool(Stack.of(this), 'Identity', { logLevel: props.logLevel })
      : undefined;
    this.providers = [...config.providers, ...(this.userPool ? [this.userPool.provider] : [])];
    const configured = JSON.stringify(config.providers).length;
    if (configured > MAX_PROVIDERS_JSON)
      throw new Error(
        `context registry:identityProviders is ${configured} characters as JSON, over ${MAX_PROVIDERS_JSON}: give providers a jwksUri instead of inline keys`,
      );
  }

  /** The token key for what this function does with it, and the environment that names its part. */
  grant(fn: LambdaFunction, use: TokenUse): void {
    const actions = TOKEN_KEY_ACTIONS[use];
    if (actions.length)
      fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: [this.tokenKey.keyArn] }));
    const environment: Record<string, string> = {
      sign: {
        [TOKEN_ENV.signingKey]: this.tokenKey.keyArn,
        [TOKEN_ENV.issuer]: this.issuer,
        [TOKEN_ENV.audience]: this.audience,
        [TOKEN_ENV.providers]: Stack.of(this).toJsonString(this.providers),
      },
      publicKey: { [TOKEN_ENV.signingKey]: this.tokenKey.keyArn },
      issuer: { [TOKEN_ENV.issuer]: this.issuer, [TOKEN_ENV.audience]: this.audience },
    }[use];
    for (const [name, value] of Object.entries(environment)) fn.addEnvironment(name, value);
  }
}
