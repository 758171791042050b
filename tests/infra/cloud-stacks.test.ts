/**
 * The cloud stacks' templates: data protection, the route table's parity with the API, exact grants,
 * workflow logging and tracing, alarms. Unbundled synth (the code assets are checked in functions.test.ts).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_ROUTES, ROUTES, type RouteSchema } from '#shared/routes';
import { REGISTRY_TABLE } from '#shared/tables';
import { WORKFLOWS } from '#workflows/registry';
import { list, type Resource, synthesize } from './synth.ts';

describe('cloud stacks', () => {
  let data: Template;
  let api: Template;
  let workflows: Template;
  let monitoring: Template;

  beforeAll(() => {
    const { cloud } = synthesize({ bundle: false });
    data = Template.fromStack(cloud.data);
    api = Template.fromStack(cloud.api);
    workflows = Template.fromStack(cloud.workflows);
    monitoring = Template.fromStack(cloud.monitoring);
  });

  describe('data', () => {
    it('builds the registry table from the shared schema, protected and encrypted with its own key', () => {
      data.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: REGISTRY_TABLE.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: REGISTRY_TABLE.sortKey.name, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: REGISTRY_TABLE.globalIndexes.map((index) =>
            Match.objectLike({
              IndexName: index.indexName,
              KeySchema: [
                { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
                { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
              ],
            }),
          ),
          TimeToLiveSpecification: { AttributeName: REGISTRY_TABLE.ttlAttribute, Enabled: true },
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
          DeletionProtectionEnabled: true,
        }),
      });
    });

    it('keeps documents private, versioned, KMS-encrypted, access-logged, TLS-only', () => {
      const buckets = data.findResources('AWS::S3::Bucket', {
        Properties: { VersioningConfiguration: { Status: 'Enabled' } },
      });
      expect(Object.keys(buckets)).toHaveLength(1);
      const [id, bucket] = Object.entries(buckets)[0] as [string, Resource];
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' }, BucketKeyEnabled: true },
          ],
        },
        LoggingConfiguration: { DestinationBucketName: expect.anything() },
        CorsConfiguration: { CorsRules: [expect.objectContaining({ AllowedMethods: ['PUT'] })] },
      });
      const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules.some((r) => r.NoncurrentVersionExpiration)).toBe(true);
      data.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('blocks public access and requires TLS on every bucket, the access-log bucket included', () => {
      const buckets = data.findResources('AWS::S3::Bucket');
      for (const bucket of Object.values(buckets) as Resource[]) {
        expect(bucket.Properties.PublicAccessBlockConfiguration).toMatchObject({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        });
      }
      expect(Object.keys(data.findResources('AWS::S3::BucketPolicy'))).toHaveLength(
        Object.keys(buckets).length,
      );
    });

    it('has an ES256 signing key for e-licenses and a rotating data key', () => {
      data.hasResourceProperties('AWS::KMS::Key', { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
      data.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      expect(data.findOutputs('LicenseSigningKeyArn')).not.toEqual({});
    });
  });

  describe('api', () => {
    const functionOf = (route: RouteSchema): Resource => {
      const found = Object.entries(api.findResources('AWS::Lambda::Function')).find(([logicalId]) =>
        logicalId.startsWith(route.id),
      );
      if (!found) throw new Error(`no function for route ${route.id}`);
      return found[1] as Resource;
    };
    const routeResource = (route: RouteSchema): Resource | undefined =>
      Object.values(api.findResources('AWS::ApiGatewayV2::Route')).find(
        (r) => r.Properties.RouteKey === `${route.method} ${route.path}`,
      ) as Resource | undefined;

    it('makes one function and one route per cloud route, each with its handler', () => {
      api.resourceCountIs('AWS::Lambda::Function', CLOUD_ROUTES.length);
      api.resourceCountIs('AWS::ApiGatewayV2::Route', CLOUD_ROUTES.length);
      for (const route of CLOUD_ROUTES) {
        expect(functionOf(route).Properties).toMatchObject({ Handler: `index.${route.handler.export}` });
        expect(routeResource(route), route.id).toBeDefined();
      }
    });

    it('deploys no local-only route (the dev token issuer) to the cloud', () => {
      const localOnly = ROUTES.filter((r) => r.localOnly);
      expect(localOnly.length).toBeGreaterThan(0);
      for (const route of localOnly) {
        expect(routeResource(route)).toBeUndefined();
        expect(
          Object.keys(api.findResources('AWS::Lambda::Function')).some((id) => id.startsWith(route.id)),
        ).toBe(false);
      }
    });

    it('puts the JWT authorizer on every protected route and none on public ones', () => {
      const [authorizerId] = Object.keys(
        api.findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'JWT' } }),
      );
      expect(authorizerId).toBeDefined();
      for (const route of CLOUD_ROUTES) {
        const properties = routeResource(route)?.Properties;
        if (route.access === 'public') {
          expect(properties?.AuthorizationType ?? 'NONE', route.id).toBe('NONE');
          expect(properties?.AuthorizerId, route.id).toBeUndefined();
        } else {
          expect(properties, route.id).toMatchObject({
            AuthorizationType: 'JWT',
            AuthorizerId: { Ref: authorizerId },
          });
        }
      }
    });

    it('throttles the stage, and the rate-limited public routes more tightly; logs every request', () => {
      const stages = Object.values(api.findResources('AWS::ApiGatewayV2::Stage')) as Resource[];
      expect(stages).toHaveLength(1);
      interface Throttle {
        ThrottlingRateLimit: number;
        ThrottlingBurstLimit: number;
      }
      const stage = stages[0]?.Properties as {
        DefaultRouteSettings: Throttle;
        RouteSettings: Record<string, Throttle>;
        AccessLogSettings: unknown;
      };
      expect(stage.DefaultRouteSettings).toMatchObject({
        ThrottlingRateLimit: expect.any(Number),
        ThrottlingBurstLimit: expect.any(Number),
      });
      expect(stage.AccessLogSettings).toMatchObject({
        DestinationArn: expect.anything(),
        Format: expect.stringContaining('$context.requestId'),
      });
      const limited = CLOUD_ROUTES.filter((r) => r.rateLimited).map((r) => `${r.method} ${r.path}`);
      expect(limited.length).toBeGreaterThan(0);
      expect(Object.keys(stage.RouteSettings).sort()).toEqual(limited.sort());
      for (const key of limited) {
        expect(stage.RouteSettings[key]?.ThrottlingRateLimit).toBeLessThan(
          stage.DefaultRouteSettings.ThrottlingRateLimit,
        );
        expect(stage.RouteSettings[key]?.ThrottlingBurstLimit).toBeLessThan(
          stage.DefaultRouteSettings.ThrottlingBurstLimit,
        );
      }
    });

    it('gives each function exactly what its route grants', () => {
      const policies = Object.values(api.findResources('AWS::IAM::Policy')) as Resource[];
      for (const route of CLOUD_ROUTES) {
        const roleId = (functionOf(route).Properties.Role as { 'Fn::GetAtt': [string, string] })[
          'Fn::GetAtt'
        ][0];
        const actions = new Set(
          policies
            .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
            .flatMap(
              (p) =>
                (p.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
            )
            .flatMap((s) => list(s.Action)),
        );
        const grants = route.grants ?? {};
        expect(actions.has('dynamodb:GetItem'), route.id).toBe(Boolean(grants.registryTable));
        expect(actions.has('dynamodb:PutItem'), route.id).toBe(grants.registryTable === 'readWrite');
        expect(actions.has('s3:GetObject'), route.id).toBe(Boolean(grants.documentsBucket));
        expect(actions.has('s3:PutObject'), route.id).toBe(grants.documentsBucket === 'readWrite');
        expect(actions.has('states:StartExecution'), route.id).toBe(Boolean(grants.startWorkflows?.length));
        expect(actions.has('states:ListExecutions'), route.id).toBe(Boolean(grants.observeWorkflows));
        expect(actions.has('states:GetExecutionHistory'), route.id).toBe(Boolean(grants.observeWorkflows));
      }
    });

    it('exports the URL and the user pool with the claims of api.md as custom attributes', () => {
      for (const output of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'JwtIssuer']) {
        expect(api.findOutputs(output), output).not.toEqual({});
      }
      api.hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'ON',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      });
      const pool = Object.values(api.findResources('AWS::Cognito::UserPool'))[0] as Resource;
      const attributes = (pool.Properties.Schema as { Name: string }[]).map((a) => a.Name);
      expect(attributes).toEqual(
        expect.arrayContaining(['role', 'branchId', 'departmentCode', 'authority', 'idHash']),
      );
      // The client may read the claims but write none of them: nobody grants themselves a role.
      const client = Object.values(api.findResources('AWS::Cognito::UserPoolClient'))[0] as Resource;
      expect((client.Properties.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual(
        [],
      );
      expect(client.Properties.ReadAttributes).toContain('custom:role');
    });
  });

  describe('workflows', () => {
    it('log every event without execution data, trace, and invoke only their own task functions', () => {
      for (const workflow of WORKFLOWS) {
        workflows.hasResourceProperties('AWS::StepFunctions::StateMachine', {
          StateMachineName: Match.stringLikeRegexp(`-${workflow.name}$`),
          LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false, Destinations: Match.anyValue() },
          TracingConfiguration: { Enabled: true },
        });
      }
      const invoke = (Object.values(workflows.findResources('AWS::IAM::Policy')) as Resource[])
        .flatMap(
          (p) =>
            (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
              .Statement,
        )
        .filter((s) => list(s.Action).includes('lambda:InvokeFunction'));
      const taskCount = WORKFLOWS.reduce((n, w) => n + Object.keys(w.tasks).length, 0);
      expect(invoke.flatMap((s) => list(s.Resource))).toHaveLength(taskCount);
      workflows.resourceCountIs('AWS::Lambda::Function', taskCount);
    });
  });

  describe('monitoring', () => {
    it('alarms on failed and timed-out executions, API 5xx and every function error, to an encrypted topic', () => {
      const alarms = Object.values(monitoring.findResources('AWS::CloudWatch::Alarm')) as Resource[];
      const metrics = alarms.map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`);
      const functionCount =
        CLOUD_ROUTES.length + WORKFLOWS.reduce((n, w) => n + Object.keys(w.tasks).length, 0);
      expect(metrics.filter((m) => m === 'AWS/States/ExecutionsFailed')).toHaveLength(WORKFLOWS.length);
      expect(metrics.filter((m) => m === 'AWS/States/ExecutionsTimedOut')).toHaveLength(WORKFLOWS.length);
      expect(metrics.filter((m) => m === 'AWS/ApiGateway/5xx')).toHaveLength(1);
      expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(functionCount);
      for (const alarm of alarms)
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmTopic/) }]);
      monitoring.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    });
  });
});
