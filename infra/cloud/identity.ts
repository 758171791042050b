/**
 * Who may call the protected routes: a Cognito user pool whose users carry the claims of api.md
 * (`custom:role`, `custom:branchId`, `custom:departmentCode`, `custom:authority`, `custom:idHash`), and
 * one app client whose ID tokens the API's JWT authorizer accepts. Users are created by administrators
 * (docs/deploy.md): nobody may give themselves a role, so the client can write none of these attributes.
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
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The custom attributes, which Cognito puts in tokens as `custom:<name>`. */
export const CLAIM_ATTRIBUTES = ['role', 'branchId', 'departmentCode', 'authority', 'idHash'] as const;

export class RegistryUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The token issuer: `https://cognito-idp.<region>.<url suffix>/<pool id>` (aws-cn included). */
  readonly issuer: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
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
        // Set when the real name is verified, which may happen after the account is made.
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
  }
}
