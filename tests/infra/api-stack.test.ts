/**
 * The API stack: the route table's parity with the HTTP API, the authorizer, throttles, exact grants.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeTableGrant } from '#contract/item-families';
import { CLOUD_ROUTES, ROUTES, type RouteSchema } from '#contract/routes';
import { servesHead } from '#contract/routes/types';
import { WORKFLOWS } from '#contract/workflows';
import { cloudConfig } from '../../infra/cloud/config.ts';
import { routeClass } from '../../infra/cloud/front-door-rules.ts';
import { TASK_RESPONSE_ACTIONS } from '../../infra/cloud/grants.ts';
import { executionArnPattern, STACKS, stateMachineName } from '../../infra/cloud/naming.ts';
import { SEALING_ACTIONS } from '../../infra/cloud/sealing.ts';
import {
  actionsOf,
  functionNamed,
  functionStatements,
  policiesOf,
  resourcesOf,
  roleIdOf,
  type Statement,
} from './iam.ts';
import { stacks } from './stacks.ts';
import { list, type Resource, type Synthesized } from './synth.ts';

describe('cloud stacks', () => {
  let synth: Synthesized;
  let api: Template;
  const onSealingKey = (s: Statement) => stacks().onSealingKey(s);
  const rendered = (arn: string) => stacks().rendered(arn);

  beforeAll(() => {
    ({ synth, api } = stacks());
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
    const routeHead = (route: RouteSchema): Resource | undefined =>
      Object.values(api.findResources('AWS::ApiGatewayV2::Route')).find(
        (r) => r.Properties.RouteKey === `HEAD ${route.path}`,
      ) as Resource | undefined;

    it('makes one function and one route per cloud route, each with its handler, and HEAD beside a public GET', () => {
      const heads = CLOUD_ROUTES.filter(servesHead);
      expect(heads.map((r) => r.id)).toEqual(expect.arrayContaining(['Jwks', 'GetStatusList']));
      api.resourceCountIs('AWS::Lambda::Function', CLOUD_ROUTES.length);
      api.resourceCountIs('AWS::ApiGatewayV2::Route', CLOUD_ROUTES.length + heads.length);
      for (const route of CLOUD_ROUTES) {
        expect(functionOf(route).Properties).toMatchObject({ Handler: `index.${route.handler.export}` });
        expect(routeResource(route), route.id).toBeDefined();
      }
      const routeKeys = Object.values(api.findResources('AWS::ApiGatewayV2::Route')).map(
        (r) => r.Properties.RouteKey,
      );
      for (const route of heads) {
        expect(routeKeys, route.id).toContain(`HEAD ${route.path}`);
        expect(routeHead(route)?.Properties.Target, route.id).toEqual(
          routeResource(route)?.Properties.Target,
        );
      }
      expect(routeKeys.filter((k) => k.startsWith('HEAD '))).toHaveLength(heads.length);
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

    it('throttles every route, the rate-limited public ones by their class; logs every request', () => {
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
      const config = cloudConfig(synth.app);
      const as = (t: { rateLimit: number; burstLimit: number }) => ({
        ThrottlingRateLimit: t.rateLimit,
        ThrottlingBurstLimit: t.burstLimit,
      });
      expect(stage.DefaultRouteSettings).toMatchObject(as(config.throttle));
      expect(stage.AccessLogSettings).toMatchObject({
        DestinationArn: expect.anything(),
        Format: expect.stringContaining('$context.requestId'),
      });
      const limited = CLOUD_ROUTES.filter((r) => r.rateLimited);
      const keys = (r: RouteSchema) => [
        `${r.method} ${r.path}`,
        ...(servesHead(r) ? [`HEAD ${r.path}`] : []),
      ];
      expect(Object.keys(stage.RouteSettings).sort()).toEqual(limited.flatMap(keys).sort());
      // The name check and search carry the province's checks (docs/capacity.md); the others less.
      for (const route of limited)
        for (const key of keys(route))
          expect(stage.RouteSettings[key], key).toEqual(
            as(routeClass(route) === 'nameChecks' ? config.nameThrottle : config.publicThrottle),
          );
      expect(
        limited
          .filter((r) => routeClass(r) === 'nameChecks')
          .map((r) => r.id)
          .sort(),
      ).toEqual(['CheckName', 'SearchNames']);
    });

    it('gives each function exactly what its route grants', () => {
      for (const route of CLOUD_ROUTES) {
        const statements = functionStatements(api, route.id);
        const actions = actionsOf(statements);
        const grants = route.grants ?? {};
        // The table's families, statement by statement: tests/infra/grants-table.test.ts.
        const table = routeTableGrant(route);
        expect(actions.has('dynamodb:GetItem'), route.id).toBe(Boolean(table.read?.length));
        expect(actions.has('dynamodb:PutItem'), route.id).toBe(Boolean(table.write?.length));
        expect(actions.has('dynamodb:Query'), route.id).toBe(
          Boolean(table.read?.length || table.query?.length),
        );
        expect(actions.has('dynamodb:Scan'), route.id).toBe(false);
        const reads = (level: string | undefined) => level === 'read' || level === 'readWrite';
        expect(actions.has('s3:GetObject'), route.id).toBe(
          reads(grants.documentsBucket) || reads(grants.licenseDocuments),
        );
        expect(actions.has('s3:ListBucket'), route.id).toBe(
          reads(grants.documentsBucket) || reads(grants.licenseDocuments),
        );
        expect(actions.has('s3:PutObject'), route.id).toBe(
          grants.documentsBucket === 'write' || grants.documentsBucket === 'readWrite',
        );
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

    it('exports the URL and the issuer the authorizer trusts; no user pool by default (identity.test.ts)', () => {
      for (const output of ['ApiUrl', 'JwtIssuer', 'JwtAudience', 'TokenSigningKeyArn']) {
        expect(api.findOutputs(output), output).not.toEqual({});
      }
      api.resourceCountIs('AWS::Cognito::UserPool', 0);
    });
  });
});
