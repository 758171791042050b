/**
 * Identity in the cloud (docs/decisions/0017-identity.md): the JWT authorizer trusts the platform's own
 * issuer and audience; the token service signs with a KMS key of its own that nothing else may sign
 * with; the providers reach it from CDK context; Cognito is absent by default and, switched on,
 * synthesizes clean under cdk-nag and deploys to a global region (only).
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_AUDIENCE } from '#contract/identity';
import { CLOUD_ROUTES } from '#contract/routes';
import { cloudConfig } from '../../infra/cloud/config.ts';
import { cfnLint } from './cfn-lint.ts';
import { actionsOf, functionNamed, functionStatements, render, resourcesOf, type Statement } from './iam.ts';
import { list, type Resource, type Synthesized, synthesize } from './synth.ts';

const PROVINCE = {
  id: 'province',
  issuer: 'https://uia.gd.gov.cn',
  audience: 'registry-client',
  jwksUri: 'https://uia.gd.gov.cn/jwks',
  realNameVerified: true,
  role: { fixed: 'applicant' },
  claims: { idNumber: 'id_card_no' },
};
const STAFF = {
  id: 'staff',
  issuer: 'https://sso.amr.gd.gov.cn',
  audience: 'registry',
  jwksUri: 'https://sso.amr.gd.gov.cn/keys',
  role: { claim: 'groups', values: { 'REG-EXAMINER': 'examiner' } },
  claims: { authority: 'authority_code' },
};

const keysOf = (t: Template, spec: string) =>
  Object.keys(t.findResources('AWS::KMS::Key', { Properties: { KeySpec: spec } }));
const variables = (fn: Resource) =>
  (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
const kmsStatements = (t: Template, id: string) =>
  functionStatements(t, id).filter((s) => list(s.Action).some((a) => a.startsWith('kms:')));

describe('identity, default app', () => {
  let synth: Synthesized;
  let api: Template;
  let tokenKey: string;

  beforeAll(() => {
    synth = synthesize({ bundle: false });
    api = Template.fromStack(synth.cloud.api);
    [tokenKey] = keysOf(api, 'RSA_2048') as [string];
  });

  it("has the authorizer trust the platform's issuer (the API's own URL) and audience", () => {
    const authorizers = Object.values(api.findResources('AWS::ApiGatewayV2::Authorizer')) as Resource[];
    expect(authorizers).toHaveLength(1);
    const jwt = authorizers[0]!.Properties.JwtConfiguration as { Issuer: unknown; Audience: string[] };
    expect(jwt.Audience).toEqual([DEFAULT_TOKEN_AUDIENCE]);
    const apiId = Object.keys(api.findResources('AWS::ApiGatewayV2::Api'))[0];
    expect(render(jwt.Issuer)).toBe(`https://<${apiId}>.execute-api.<AWS::Region>.<AWS::URLSuffix>`);
    // The token service tells its tokens' iss, and the discovery document's, from the same value.
    for (const id of ['ExchangeToken', 'OpenIdConfiguration'])
      expect(variables(functionNamed(api, id).fn).TOKEN_ISSUER, id).toEqual(jwt.Issuer);
  });

  it('keeps Cognito out of the default app', () => {
    for (const stack of synth.assembly.stacks)
      expect(JSON.stringify(stack.template), stack.stackName).not.toContain('AWS::Cognito::');
    expect(api.findOutputs('UserPoolId')).toEqual({});
  });

  it('signs tokens with an RSA_2048 key of their own: kms:Sign there, for the token exchange alone', () => {
    expect(tokenKey).toBeDefined();
    const onKey = (s: Statement) => resourcesOf(s).some((r) => r.includes(tokenKey));
    const exchange = kmsStatements(api, 'ExchangeToken');
    expect(exchange.every(onKey)).toBe(true);
    expect([...actionsOf(exchange)].sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
    expect([...actionsOf(kmsStatements(api, 'PlatformJwks'))]).toEqual(['kms:GetPublicKey']);
    expect(kmsStatements(api, 'OpenIdConfiguration')).toEqual([]);
    // Nothing else, in any stack, may sign with it, nor may the exchange sign with any other key.
    for (const stack of synth.assembly.stacks) {
      const policies = Object.entries(Template.fromJSON(stack.template).findResources('AWS::IAM::Policy'));
      for (const [id, policy] of policies) {
        const statements = (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
        const signing = statements.filter((s) => list(s.Action).includes('kms:Sign') && onKey(s));
        if (!id.startsWith('ExchangeToken')) expect(signing, `${stack.stackName}/${id}`).toEqual([]);
      }
    }
    const otherRoutes = CLOUD_ROUTES.filter((r) => !r.grants?.platformTokens);
    for (const route of otherRoutes)
      expect(functionStatements(api, route.id).filter(onKey), route.id).toEqual([]);
  });

  it('names the key and the providers only to the functions that use them', () => {
    for (const route of CLOUD_ROUTES) {
      const names = Object.keys(variables(functionNamed(api, route.id).fn));
      const use = route.grants?.platformTokens;
      expect(names.includes('TOKEN_SIGNING_KEY_ID'), route.id).toBe(use === 'sign' || use === 'publicKey');
      expect(names.includes('IDENTITY_PROVIDERS'), route.id).toBe(use === 'sign');
    }
  });
});

describe('identity, a deployment that names its providers and its domain', () => {
  it('gives the authorizer the configured issuer and audience, and the token service the providers', () => {
    const synth = synthesize({
      bundle: false,
      context: {
        'registry:tokenIssuer': 'https://api.registry.gd.gov.cn',
        'registry:tokenAudience': 'gd-registry',
        'registry:identityProviders': JSON.stringify([PROVINCE, STAFF]),
      },
    });
    const api = Template.fromStack(synth.cloud.api);
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://api.registry.gd.gov.cn', Audience: ['gd-registry'] },
    });
    const env = variables(functionNamed(api, 'ExchangeToken').fn);
    expect(env).toMatchObject({
      TOKEN_ISSUER: 'https://api.registry.gd.gov.cn',
      TOKEN_AUDIENCE: 'gd-registry',
    });
    const providers = JSON.parse(env.IDENTITY_PROVIDERS as string) as { id: string; algorithms: string[] }[];
    expect(providers.map((p) => p.id)).toEqual(['province', 'staff']);
    // Parsed once at synth, defaults filled: what the function reads is what was checked.
    expect(providers[0]?.algorithms).toEqual(['RS256', 'ES256']);
  });

  it('refuses a provider list the token service could not use, naming the key', () => {
    const config = (providers: unknown[]) =>
      cloudConfig(new App({ context: { 'registry:identityProviders': providers } }));
    expect(() => config([{ ...PROVINCE, jwksUri: 'http://uia.gd.gov.cn/jwks' }])).toThrow(
      /registry:identityProviders/,
    );
    expect(() => config([{ ...STAFF, realNameVerified: false, claims: { idNumber: 'id' } }])).toThrow(
      /realNameVerified/,
    );
    // A staff directory never makes applicants; an applicants' provider binds nothing.
    expect(() => config([{ ...STAFF, role: { claim: 'g', values: { X: 'applicant' } } }])).toThrow();
    expect(() => config([{ ...PROVINCE, claims: { branchId: 'branch' } }])).toThrow(/staff directory/);
    expect(() => config([PROVINCE, { ...STAFF, issuer: PROVINCE.issuer }])).toThrow(/share the issuer/);
    expect(() => cloudConfig(new App({ context: { 'registry:cognito': 'yes' } }))).toThrow(
      /registry:cognito/,
    );
  });
});

describe('identity, the Cognito option (global regions)', () => {
  let synth: Synthesized;
  let api: Template;

  beforeAll(() => {
    // cdk-nag is registered in the app: an unacknowledged finding makes this synth throw.
    synth = synthesize({ bundle: false, context: { 'registry:cognito': true } });
    api = Template.fromStack(synth.cloud.api);
  });

  it('passes cdk-nag with nothing unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(synth.app);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    const failed = (synth.report?.pluginReports ?? []).filter((r) => r.conclusion !== 'success');
    expect(failed).toEqual([]);
  });

  it('lets applicants sign up, with MFA, a trigger that writes the claims, and a client that writes none', () => {
    api.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      LambdaConfig: {
        PreTokenGeneration: { 'Fn::GetAtt': [Match.stringLikeRegexp('^IdentityPreTokenGeneration'), 'Arn'] },
      },
    });
    const client = Object.values(api.findResources('AWS::Cognito::UserPoolClient'))[0] as Resource;
    expect((client.Properties.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual(
      [],
    );
    expect(api.findOutputs('UserPoolId')).not.toEqual({});
  });

  it('is one more provider of the token service, never the authorizer’s issuer', () => {
    const providers = variables(functionNamed(api, 'ExchangeToken').fn).IDENTITY_PROVIDERS;
    expect(render(providers)).toContain('"id":"cognito"');
    expect(render(providers)).toContain('"role":{"claim":"role","otherwise":"applicant"}');
    const jwt = (Object.values(api.findResources('AWS::ApiGatewayV2::Authorizer'))[0] as Resource).Properties
      .JwtConfiguration as { Issuer: unknown };
    expect(render(jwt.Issuer)).toContain('.execute-api.');
  });

  it('deploys to a global region, and cfn-lint says why it is off by default', () => {
    const template = synth.assembly.getStackByName(synth.cloud.api.stackName).templateFullPath;
    expect(cfnLint([template], ['us-east-1']).errors).toEqual([]);
    expect(cfnLint([template], ['cn-north-1']).errors.join('\n')).toMatch(/AWS::Cognito::UserPool/);
  });
});
