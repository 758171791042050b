/**
 * The Cognito option (docs/decisions/0017-identity.md): a user pool where applicants sign themselves up
 * and administrators make the staff accounts, for deployments in the global regions only (Cognito user
 * pools do not exist in China). Off by default (`registry:cognito`). The pool is one more provider of
 * the token service, never the API's issuer: its ID tokens are exchanged like any provider's.
 *
 * What a user can write never becomes a role: the client writes no claim attribute (so self sign-up
 * cannot set one either), `role` and `departmentCode` are immutable, and the pre-token-generation
 * trigger (functions/tasks/cognito.ts) writes the registry's claims from those attributes, `applicant`
 * for an account without a staff role. The pool verifies no real name: no `idHash` comes from it.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolOperation,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { IdentityProvider } from '#domain/identity/provider';
import { registryFunction } from './nodejs-function.ts';

/** The custom attributes, which Cognito puts in tokens as `custom:<name>`. */
export const CLAIM_ATTRIBUTES = ['role', 'branchId', 'departmentCode', 'authority', 'idHash'] as const;

export class RegistryUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The token issuer: `https://cognito-idp.<region>.<url suffix>/<pool id>`. */
  readonly issuer: string;
  /** The pool as the token service's provider (`cognito`): ID tokens of the web client, role from the trigger. */
  readonly provider: IdentityProvider;

  constructor(scope: Construct, id: string, props: { logLevel: string }) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Applicants sign themselves up; staff accounts are made by administrators (docs/deploy.md).
      selfSignUpEnabled: true,
      autoVerify: { email: true },
      signInAliases: { username: true, email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // An account has one role for its life; another role is another account (separation of duties).
        role: new StringAttribute({ minLen: 3, maxLen: 20, mutable: false }),
        // A clerk moves between branches, an examiner between authorities.
        branchId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        authority: new StringAttribute({ minLen: 6, maxLen: 6, mutable: true }),
        // A department account belongs to its department.
        departmentCode: new StringAttribute({ minLen: 1, maxLen: 32, mutable: false }),
        // Kept so that a pool made before the token service is not replaced; the trigger suppresses it.
        idHash: new StringAttribute({ minLen: 64, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Officials decide legal cases and applicants' records hold personal data: a second factor for all.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const trigger = registryFunction(this, 'PreTokenGeneration', {
      handler: { entry: 'functions/tasks/cognito.ts', export: 'preTokenGeneration' },
      description: "Writes the registry's claims into the user pool's ID tokens (role, binding)",
      environment: { LOG_LEVEL: props.logLevel },
      timeout: Duration.seconds(5),
      memorySize: 256,
    });
    this.userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION, trigger);

    this.client = this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes(...CLAIM_ATTRIBUTES),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
    });

    this.issuer = this.userPool.userPoolProviderUrl;
    this.provider = {
      id: 'cognito',
      issuer: this.issuer,
      audience: this.client.userPoolClientId,
      jwksUri: `${this.issuer}/.well-known/jwks.json`,
      algorithms: ['RS256'],
      realNameVerified: false,
      // The trigger writes `role` from the administrators' immutable custom:role, `applicant` otherwise.
      role: { claim: 'role', otherwise: 'applicant' },
      claims: {
        subject: 'sub',
        branchId: 'branchId',
        departmentCode: 'departmentCode',
        authority: 'authority',
      },
    };
  }
}
