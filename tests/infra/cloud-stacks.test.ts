/**
 * The cloud stacks' templates: data protection, the route table's parity with the API, exact grants
 * (the route table's and the workflow registry's), the sealing key and who may use it, workflow logging
 * and tracing, alarms. Unbundled synth (the code assets are checked in functions.test.ts).
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import type { CfnStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_ROUTES, ROUTES, type RouteSchema } from '#contract/routes';
import { REGISTRY_TABLE } from '#contract/tables';
import { WORKFLOWS } from '#contract/workflows';
import { materialObjectKey } from '#domain/material';
import { MATERIALS_PREFIX, TASK_RESPONSE_ACTIONS } from '../../infra/cloud/grants.ts';
import {
  bucketArn,
  documentsBucketName,
  executionArnPattern,
  STACKS,
  stateMachineName,
} from '../../infra/cloud/naming.ts';
import { SEALING_ACTIONS, SEALING_TAG, UNUSED_KEY_OPERATIONS } from '../../infra/cloud/sealing.ts';
import { pascal } from '../../infra/cloud/workflow-stack.ts';
import { DEPLOYED, type Deployed } from './deployed.ts';
import {
  actionsOf,
  functionNamed,
  functionStatements,
  policiesOf,
  render,
  resourcesOf,
  roleIdOf,
  type Statement,
} from './iam.ts';
import { list, type Resource, type Synthesized, synthesize } from './synth.ts';

describe('cloud stacks', () => {
  let synth: Synthesized;
  let data: Template;
  let api: Template;
  let workflows: Template;
  let monitoring: Template;
  /** The sealing key's logical id in the data stack: other stacks reach it through an output named after it. */
  let sealingKeyId: string;
  const templateOf = (d: Deployed) => (d.stack === 'api' ? api : workflows);
  const onSealingKey = (s: Statement) => resourcesOf(s).some((r) => r.includes(sealingKeyId));
  /** The documents bucket's ARN as its policies render it (the same in both stacks). */
  let bucket: string;
  /** What an ARN built in the API stack renders as in its template. */
  const rendered = (arn: string) => render(synth.cloud.api.resolve(arn));

  beforeAll(() => {
    synth = synthesize({ bundle: false });
    const { cloud } = synth;
    data = Template.fromStack(cloud.data);
    api = Template.fromStack(cloud.api);
    workflows = Template.fromStack(cloud.workflows);
    monitoring = Template.fromStack(cloud.monitoring);
    sealingKeyId = cloud.data.getLogicalId(cloud.data.sealingKey.node.defaultChild as CfnKey);
    bucket = rendered(bucketArn(documentsBucketName(STACKS.data)));
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

    it('seals with its own rotating symmetric key, which only tagged roles may seal or unseal with', () => {
      const key = data.findResources('AWS::KMS::Key')[sealingKeyId] as Resource & {
        DeletionPolicy: string;
      };
      expect(key).toBeDefined();
      expect(key.DeletionPolicy).toBe('Retain');
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true });
      // Symmetric (the default spec), so it can wrap data keys; not the data key, not the signing key.
      expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
      expect(key.Properties.KeyUsage ?? 'ENCRYPT_DECRYPT').toBe('ENCRYPT_DECRYPT');
      data.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: Match.stringLikeRegexp('/sealing$'),
        TargetKeyId: { 'Fn::GetAtt': [sealingKeyId, 'Arn'] },
      });

      const statements = (key.Properties.KeyPolicy as { Statement: (Statement & { Principal: unknown })[] })
        .Statement;
      // The one Allow is the account's administration of the key (which enables IAM policies); every use
      // is granted by IAM to a function's role, and bounded here.
      const allows = statements.filter((st) => st.Effect === 'Allow');
      expect(allows).toHaveLength(1);
      expect(render(allows[0]?.Principal)).toMatch(/:root/);
      const denyOf = (action: string) =>
        statements.filter((st) => st.Effect === 'Deny' && list(st.Action).includes(action));
      const tagged = (st: Statement | undefined) =>
        list(st?.Condition?.StringNotEquals?.[`aws:PrincipalTag/${SEALING_TAG}`] as string[]).sort();
      expect(denyOf('kms:GenerateDataKey')).toHaveLength(1);
      expect(tagged(denyOf('kms:GenerateDataKey')[0])).toEqual(['seal']);
      expect(denyOf('kms:Decrypt')).toHaveLength(1);
      expect(tagged(denyOf('kms:Decrypt')[0])).toEqual(['seal', 'unseal']);
      for (const action of UNUSED_KEY_OPERATIONS) {
        expect(denyOf(action), action).toHaveLength(1);
        expect(denyOf(action)[0]?.Condition, action).toBeUndefined();
      }
      for (const deny of statements.filter((st) => st.Effect === 'Deny'))
        expect(deny.Principal).toEqual({ AWS: '*' });
      expect(data.findOutputs('SealingKeyArn')).not.toEqual({});
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
      for (const route of CLOUD_ROUTES) {
        const statements = functionStatements(api, route.id);
        const actions = actionsOf(statements);
        const grants = route.grants ?? {};
        expect(actions.has('dynamodb:GetItem'), route.id).toBe(Boolean(grants.registryTable));
        expect(actions.has('dynamodb:PutItem'), route.id).toBe(grants.registryTable === 'readWrite');
        expect(actions.has('s3:GetObject'), route.id).toBe(Boolean(grants.documentsBucket));
        expect(actions.has('s3:ListBucket'), route.id).toBe(Boolean(grants.documentsBucket));
        expect(actions.has('s3:PutObject'), route.id).toBe(grants.documentsBucket === 'readWrite');
        expect(actions.has('states:StartExecution'), route.id).toBe(Boolean(grants.startWorkflows?.length));
        expect(actions.has('states:ListExecutions'), route.id).toBe(Boolean(grants.observeWorkflows));
        expect(actions.has('states:GetExecutionHistory'), route.id).toBe(Boolean(grants.observeWorkflows));
        for (const action of TASK_RESPONSE_ACTIONS)
          expect(actions.has(action), `${route.id} ${action}`).toBe(Boolean(grants.answerWorkflows?.length));
        expect(actions.has('states:StopExecution'), route.id).toBe(Boolean(grants.stopWorkflows?.length));
        expect([...actionsOf(statements.filter(onSealingKey))].sort(), route.id).toEqual(
          grants.sealing ? [...SEALING_ACTIONS.seal].sort() : [],
        );
      }
    });

    it('answers callback tasks with exactly SendTaskSuccess and SendTaskFailure, in a policy of their own', () => {
      const answering = CLOUD_ROUTES.filter((r) => r.grants?.answerWorkflows?.length);
      expect(answering.length).toBeGreaterThan(0);
      for (const route of answering) {
        const roleId = roleIdOf(functionNamed(api, route.id).fn);
        const withTokens = policiesOf(api, roleId).filter(([, p]) =>
          (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some((st) =>
            list(st.Action).some((a) => TASK_RESPONSE_ACTIONS.includes(a)),
          ),
        );
        // One policy, one statement, these two actions and nothing else: a task token names no resource,
        // so the statement is on '*', and nothing else may ride on it.
        expect(withTokens, route.id).toHaveLength(1);
        const [id, policy] = withTokens[0] as [string, Resource];
        expect(id, route.id).toMatch(new RegExp(`^${route.id}TaskResponse`));
        expect((policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement).toEqual([
          { Effect: 'Allow', Action: [...TASK_RESPONSE_ACTIONS].sort(), Resource: '*' },
        ]);
      }
    });

    it('lets a route stop only executions of the workflows it names: the withdrawal, registration executions', () => {
      const stopping = CLOUD_ROUTES.filter((r) => r.grants?.stopWorkflows?.length);
      expect(stopping.map((r) => r.id)).toContain('WithdrawRegistration');
      for (const route of stopping) {
        const stops = functionStatements(api, route.id).filter((st) =>
          list(st.Action).includes('states:StopExecution'),
        );
        expect(stops.map((st) => list(st.Action))).toEqual([['states:StopExecution']]);
        const expected = (route.grants?.stopWorkflows ?? []).map((name) => {
          const workflow = WORKFLOWS.find((w) => w.name === name);
          if (!workflow) throw new Error(`unknown workflow ${name}`);
          return rendered(executionArnPattern(synth.cloud.api, stateMachineName(STACKS.workflows, workflow)));
        });
        expect(stops.flatMap(resourcesOf).sort(), route.id).toEqual(expected.sort());
      }
      const withdraw = functionStatements(api, 'WithdrawRegistration').filter((st) =>
        list(st.Action).includes('states:StopExecution'),
      );
      expect(withdraw.flatMap(resourcesOf)).toEqual([
        `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${STACKS.workflows}-registration:*`,
      ]);
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

  describe('materials and the sealing key, across both stacks', () => {
    it('puts materials where the grants say: the prefix is the key space of functions/domain/material.ts', () => {
      expect(materialObjectKey('01jabcdefghjkmnpqrstvwxyz0')).toBe(
        `${MATERIALS_PREFIX}01jabcdefghjkmnpqrstvwxyz0`,
      );
    });

    it('lets a function touch the documents bucket only as declared: objects under materials/, listing only that prefix', () => {
      expect(DEPLOYED.some((d) => d.stack === 'workflows' && d.documents)).toBe(true);
      for (const d of DEPLOYED) {
        const s3 = functionStatements(templateOf(d), d.name).filter((st) =>
          list(st.Action).some((a) => a.startsWith('s3:')),
        );
        if (!d.documents) {
          expect(s3, d.name).toEqual([]);
          continue;
        }
        const objects = s3.filter((st) => !list(st.Action).includes('s3:ListBucket'));
        expect(
          objects.map((st) => [...list(st.Action)].sort()),
          d.name,
        ).toEqual([d.documents === 'read' ? ['s3:GetObject'] : ['s3:GetObject', 's3:PutObject']]);
        expect(objects.flatMap(resourcesOf), d.name).toEqual([`${bucket}/${MATERIALS_PREFIX}*`]);
        // 404 for a material not uploaded yet, instead of 403, and still nothing outside materials/.
        const listing = s3.filter((st) => list(st.Action).includes('s3:ListBucket'));
        expect(listing, d.name).toEqual([
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: expect.anything(),
            Condition: { StringLike: { 's3:prefix': `${MATERIALS_PREFIX}*` } },
          },
        ]);
        expect(listing.flatMap(resourcesOf), d.name).toEqual([bucket]);
      }
    });

    it("reads CheckMaterials' materials read-only", () => {
      const actions = actionsOf(functionStatements(workflows, 'RegistrationCheckMaterialsFunction'));
      expect([...actions].filter((a) => a.startsWith('s3:')).sort()).toEqual([
        's3:GetObject',
        's3:ListBucket',
      ]);
    });

    it('lets only the functions that seal or unseal use the sealing key, tagged for its key policy, and tells only them its id', () => {
      expect(DEPLOYED.filter((d) => d.sealing === 'seal').length).toBeGreaterThan(0);
      expect(DEPLOYED.filter((d) => d.sealing === 'unseal').length).toBeGreaterThan(0);
      for (const d of DEPLOYED) {
        const template = templateOf(d);
        const { fn } = functionNamed(template, d.name);
        const statements = functionStatements(template, d.name);
        expect([...actionsOf(statements.filter(onSealingKey))].sort(), d.name).toEqual(
          d.sealing ? [...SEALING_ACTIONS[d.sealing]].sort() : [],
        );
        // The data key's statements (through DynamoDB or S3 only) never name the sealing key.
        for (const st of statements.filter(onSealingKey)) expect(st.Condition, d.name).toBeUndefined();
        const role = template.findResources('AWS::IAM::Role')[roleIdOf(fn)] as Resource;
        const tags = (role.Properties.Tags as { Key: string; Value: string }[] | undefined) ?? [];
        expect(
          tags.filter((t) => t.Key === SEALING_TAG).map((t) => t.Value),
          d.name,
        ).toEqual(d.sealing ? [d.sealing] : []);
        const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
        expect('SEALING_KEY_ID' in variables, d.name).toBe(Boolean(d.sealing));
        if (d.sealing) expect(render(variables.SEALING_KEY_ID), d.name).toContain(sealingKeyId);
      }
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

    it("alarms on each workflow's own failed executions, and draws each workflow's executions and tasks", () => {
      const alarms = monitoring.findResources('AWS::CloudWatch::Alarm');
      const dashboard = render(
        (Object.values(monitoring.findResources('AWS::CloudWatch::Dashboard'))[0] as Resource).Properties
          .DashboardBody,
      );
      for (const { workflow, stateMachine } of synth.cloud.workflows.workflows) {
        const machineId = synth.cloud.workflows.getLogicalId(
          stateMachine.node.defaultChild as CfnStateMachine,
        );
        const failed = Object.entries(alarms).filter(
          ([id, a]) =>
            id.startsWith(`${pascal(workflow.name)}ExecutionFailed`) &&
            a.Properties.MetricName === 'ExecutionsFailed',
        );
        expect(failed, workflow.name).toHaveLength(1);
        const [, alarm] = failed[0] as [string, Resource];
        const dimensions = alarm.Properties.Dimensions as {
          Name: string;
          Value: unknown;
        }[];
        expect(dimensions.map((d) => d.Name)).toEqual(['StateMachineArn']);
        expect(render(dimensions[0]?.Value), workflow.name).toContain(machineId);
        expect(dashboard).toContain(`${workflow.name}: executions`);
        expect(dashboard).toContain(`${workflow.name} tasks: function errors`);
      }
      for (const d of DEPLOYED) expect(dashboard, d.name).toContain(`"label":"${d.name}"`);
    });
  });
});
