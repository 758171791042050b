/**
 * The public front door (infra/cloud/front-door-stack.ts, docs/decisions/0018-front-door.md): a regional
 * REST API that forwards every request to the HTTP API, and the WAF web ACL on its stage whose rate-based
 * rules limit each client address per route class, scoped down to the route table's public paths.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLOUD_ROUTES, type RouteSchema } from '#contract/routes';
import { PROBLEM_BASE } from '#http/problem';
import {
  FRONT_DOOR_LIMITS,
  type RateRule,
  type RouteClass,
  routeClass,
} from '../../infra/cloud/front-door-rules.ts';
import { CLIENT_ADDRESS_HEADER, FRONT_DOOR_STAGE } from '../../infra/cloud/front-door-stack.ts';
import { STACKS } from '../../infra/cloud/naming.ts';
import { stacks } from './stacks.ts';
import { list, type Resource } from './synth.ts';

type Props = Record<string, unknown>;
let door: Template;
let api: Template;
let rules: Props[];
/** The regexes of each regex pattern set, by logical id. */
let regexSets: Map<string, string[]>;

const only = (t: Template, type: string): [string, Resource] => {
  const found = Object.entries(t.findResources(type)) as [string, Resource][];
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

beforeAll(() => {
  const s = stacks();
  door = Template.fromStack(s.synth.cloud.frontDoor);
  api = s.api;
  rules = (only(door, 'AWS::WAFv2::WebACL')[1].Properties.Rules as Props[]).sort(
    (a, b) => (a.Priority as number) - (b.Priority as number),
  );
  regexSets = new Map(
    (Object.entries(door.findResources('AWS::WAFv2::RegexPatternSet')) as [string, Resource][]).map(
      ([id, r]) => [id, r.Properties.RegularExpressionList as string[]],
    ),
  );
});

/** The regexes a rule's scope-down selects with (one set, or an OR of several). */
function scopeRegexes(rule: Props): RegExp[] {
  const scope = ((rule.Statement as Props).RateBasedStatement as Props).ScopeDownStatement as Props;
  const refs = scope.OrStatement ? ((scope.OrStatement as Props).Statements as Props[]) : [scope];
  return refs.flatMap((ref) => {
    const statement = ref.RegexPatternSetReferenceStatement as Props;
    expect(statement.FieldToMatch).toEqual({ UriPath: {} });
    expect(statement.TextTransformations).toEqual([
      { Priority: 0, Type: 'URL_DECODE' },
      { Priority: 1, Type: 'NORMALIZE_PATH' },
    ]);
    const id = ((statement.Arn as Props)['Fn::GetAtt'] as string[])[0]!;
    return (regexSets.get(id) ?? []).map((r) => new RegExp(r));
  });
}

/** A request path of a route, its parameters filled in. */
const sample = (r: RouteSchema) => r.path.replace(/\{[^}]+\}/g, '9144030071526726XG');

const RULES: [string, RouteClass | 'every', RateRule][] = [
  ['NameChecksPerAddress', 'nameChecks', FRONT_DOOR_LIMITS.nameChecks],
  ['PublicRoutesPerAddress', 'public', FRONT_DOOR_LIMITS.public],
  ['EveryRoutePerAddress', 'every', FRONT_DOOR_LIMITS.every],
];

describe('the web ACL', () => {
  it('is regional, allows by default, and has a rate rule per route class, keyed on the client address', () => {
    const acl = only(door, 'AWS::WAFv2::WebACL')[1].Properties;
    expect(acl.Scope).toBe('REGIONAL');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(rules.map((r) => r.Name)).toEqual(RULES.map(([name]) => name));
    for (const [i, [name, , limit]] of RULES.entries()) {
      const rule = rules[i]!;
      const rate = (rule.Statement as Props).RateBasedStatement as Props;
      expect(rate.AggregateKeyType, name).toBe('IP');
      expect(rate.Limit, name).toBe(limit.limit);
      expect(rate.EvaluationWindowSec, name).toBe(limit.windowSeconds);
      expect(rule.Action, name).toEqual({
        Block: {
          CustomResponse: {
            ResponseCode: 429,
            CustomResponseBodyKey: 'rateLimited',
            ResponseHeaders: [{ Name: 'retry-after', Value: String(limit.windowSeconds) }],
          },
        },
      });
      expect(rule.VisibilityConfig, name).toMatchObject({ CloudWatchMetricsEnabled: true });
    }
    // Name checks are what a person repeats most: the tightest limit per window.
    expect(FRONT_DOOR_LIMITS.nameChecks.limit).toBeLessThan(FRONT_DOOR_LIMITS.public.limit);
  });

  it('answers 429 with a problem+json body, as the local server does', () => {
    const bodies = only(door, 'AWS::WAFv2::WebACL')[1].Properties.CustomResponseBodies as Props;
    const body = bodies.rateLimited as { ContentType: string; Content: string };
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(body.Content)).toMatchObject({ type: `${PROBLEM_BASE}rate-limited`, status: 429 });
  });

  it('scopes each class down to exactly its public paths, on the stage URL and on a mapped domain', () => {
    const byClass = {
      nameChecks: scopeRegexes(rules[0]!),
      public: scopeRegexes(rules[1]!),
    } as const;
    for (const [cls, regexes] of Object.entries(byClass)) expect(regexes.length, cls).toBeGreaterThan(0);
    // WAF's own limits: 200 characters a regex, 10 regexes a set.
    for (const set of regexSets.values()) {
      expect(set.length).toBeLessThanOrEqual(10);
      for (const r of set) expect(r.length, r).toBeLessThanOrEqual(200);
    }
    for (const route of CLOUD_ROUTES)
      for (const path of [sample(route), `/${FRONT_DOOR_STAGE}${sample(route)}`])
        for (const [cls, regexes] of Object.entries(byClass))
          expect(
            regexes.some((r) => r.test(path)),
            `${route.id} ${path} in ${cls}`,
          ).toBe(routeClass(route) === cls);
    // Every public route is in a class, and the last rule counts every path.
    expect(CLOUD_ROUTES.filter((r) => r.access === 'public').every((r) => routeClass(r))).toBe(true);
    expect(((rules[2]!.Statement as Props).RateBasedStatement as Props).ScopeDownStatement).toBeUndefined();
  });

  it("is associated with the front door's stage", () => {
    const association = only(door, 'AWS::WAFv2::WebACLAssociation')[1].Properties;
    const [aclId] = Object.keys(door.findResources('AWS::WAFv2::WebACL'));
    expect(association.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    const [restApiId] = Object.keys(door.findResources('AWS::ApiGateway::RestApi'));
    const [stageId] = Object.keys(door.findResources('AWS::ApiGateway::Stage'));
    const arn = JSON.stringify(association.ResourceArn);
    expect(arn).toContain(`/restapis/",{"Ref":"${restApiId}"}`);
    expect(arn).toContain(`/stages/",{"Ref":"${stageId}"}`);
  });
});

describe('the REST API', () => {
  it('is regional, throttled above the HTTP API, and logs every request with its address', () => {
    const restApi = only(door, 'AWS::ApiGateway::RestApi')[1].Properties;
    expect(restApi.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
    const stage = only(door, 'AWS::ApiGateway::Stage')[1].Properties;
    expect(stage.StageName).toBe(FRONT_DOOR_STAGE);
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({
        ThrottlingRateLimit: FRONT_DOOR_LIMITS.stage.rateLimit,
        ThrottlingBurstLimit: FRONT_DOOR_LIMITS.stage.burstLimit,
      }),
    ]);
    expect(JSON.stringify(stage.AccessLogSetting)).toContain('$context.identity.sourceIp');
  });

  it('forwards every path and method, unchanged, to the HTTP API', () => {
    const methods = Object.values(door.findResources('AWS::ApiGateway::Method')) as Resource[];
    expect(methods).toHaveLength(2);
    const [apiId] = Object.keys(api.findResources('AWS::ApiGatewayV2::Api'));
    // The API stack publishes the HTTP API's endpoint; the front door reads that output.
    const outputs = Object.entries(api.toJSON().Outputs as Record<string, Props>);
    const [endpointOutput] = outputs.find(
      ([, o]) => JSON.stringify(o.Value) === JSON.stringify({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] }),
    ) ?? [undefined];
    expect(endpointOutput, 'the API stack publishes the HTTP API endpoint').toBeDefined();
    const paths = new Set<string>();
    for (const method of methods) {
      const { HttpMethod, AuthorizationType, Integration } = method.Properties as {
        HttpMethod: string;
        AuthorizationType: string;
        Integration: Props;
      };
      expect(HttpMethod).toBe('ANY');
      expect(AuthorizationType).toBe('NONE');
      expect(Integration.Type).toBe('HTTP_PROXY');
      expect(Integration.IntegrationHttpMethod).toBe('ANY');
      const [, parts] = (Integration.Uri as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
      expect(parts[0]).toMatchObject({
        'Fn::GetStackOutput': { StackName: STACKS.api, OutputName: endpointOutput },
      });
      paths.add(String(parts[1]));
      const parameters = Integration.RequestParameters as Record<string, string>;
      expect(parameters[`integration.request.header.${CLIENT_ADDRESS_HEADER}`]).toBe(
        'context.identity.sourceIp',
      );
      if (parts[1] === '/{proxy}')
        expect(parameters['integration.request.path.proxy']).toBe('method.request.path.proxy');
    }
    expect([...paths].sort()).toEqual(['/', '/{proxy}']);
  });

  it('publishes its own URL as the hall URL', () => {
    const outputs = door.toJSON().Outputs as Record<string, Props>;
    expect(Object.keys(outputs)).toContain('HallUrl');
    expect(list(JSON.stringify(outputs.HallUrl?.Value))[0]).toContain(FRONT_DOOR_STAGE);
  });
});
