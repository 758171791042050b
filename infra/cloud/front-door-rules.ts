/**
 * The front door's web ACL rules (front-door-stack.ts): rate-based rules keyed on the client's address,
 * one per route class, each scoped down to its class's paths, made from the one route table:
 *
 *   nameChecks   POST /v1/names/check, GET /v1/names/search   what a person types a name into, over and over
 *   public       every other public route                       credit codes, licenses, verification, lists
 *   every        every path (authenticated routes too)          a flood from one address, whatever it asks
 *
 * The address is the one that connected (`IP`), never a forwarded header a client could write. Counts
 * are per evaluation window; a client over its limit is answered 429 problem+json with Retry-After, as
 * the local server answers (docs/decisions/0008-rate-limits.md). The limits are in docs/capacity.md.
 */

import { CfnRegexPatternSet, type CfnWebACL, type CfnWebACLProps } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import { CLOUD_ROUTES, type RouteSchema } from '#contract/routes';
import { PROBLEM_BASE } from '#http/problem';
import type { Throttle } from './config.ts';

export type RouteClass = 'nameChecks' | 'public';

/** Requests one address may make in one window (WAF counts over 60, 120, 300 or 600 seconds). */
export interface RateRule {
  limit: number;
  windowSeconds: 60 | 120 | 300 | 600;
}

export interface FrontDoorLimits {
  nameChecks: RateRule;
  public: RateRule;
  every: RateRule;
  /** The REST stage's own throttle: above what the HTTP API behind serves, so it never binds first. */
  stage: Throttle;
}

/** docs/capacity.md, "Per client": a person checks a name about once a second; a desk of agents, a few. */
export const FRONT_DOOR_LIMITS: FrontDoorLimits = {
  nameChecks: { limit: 300, windowSeconds: 60 },
  public: { limit: 600, windowSeconds: 60 },
  every: { limit: 6000, windowSeconds: 300 },
  stage: { rateLimit: 4000, burstLimit: 5000 },
};

/** The class of a route: name checks and searches, another public route, or none (authenticated). */
export function routeClass(route: Pick<RouteSchema, 'access' | 'path'>): RouteClass | undefined {
  if (route.access !== 'public') return undefined;
  return route.path.startsWith('/v1/names/') ? 'nameChecks' : 'public';
}

/** The seconds a client over a limit is told to wait: the rest of a window at most. */
const retryAfter = (rule: RateRule) => String(rule.windowSeconds);

/**
 * A route path as WAF's regex sees the request's path: a `{param}` is one segment. The REST stage's own
 * segment comes first on the front door's execute-api URL, and not on a custom domain mapped to it.
 */
export function pathPattern(path: string): string {
  return path.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\+?\}/g, '[^/]+');
}

/** Regexes of at most 200 characters (WAF's limit), each an alternation of whole paths. */
export function classRegexes(routeClassName: RouteClass, stage: string, routes = CLOUD_ROUTES): string[] {
  const paths = [
    ...new Set(routes.filter((r) => routeClass(r) === routeClassName).map((r) => r.path)),
  ].sort();
  const wrap = (parts: string[]) => `^(/${stage})?(${parts.join('|')})$`;
  const regexes: string[] = [];
  let parts: string[] = [];
  for (const p of paths.map(pathPattern)) {
    if (parts.length && wrap([...parts, p]).length > 200) {
      regexes.push(wrap(parts));
      parts = [];
    }
    parts.push(p);
  }
  if (parts.length) regexes.push(wrap(parts));
  if (regexes.some((r) => r.length > 200)) throw new Error(`a ${routeClassName} path is too long for WAF`);
  return regexes;
}

const MAX_REGEXES_PER_SET = 10;

/** The statement that selects a class's paths, normalized first so `%2F` or `//` cannot slip past. */
function scopeDown(
  scope: Construct,
  id: string,
  cls: RouteClass,
  stage: string,
): CfnWebACL.StatementProperty {
  const regexes = classRegexes(cls, stage);
  const sets: CfnWebACL.StatementProperty[] = [];
  for (let i = 0; i < regexes.length; i += MAX_REGEXES_PER_SET) {
    const set = new CfnRegexPatternSet(scope, `${id}${cls}Paths${i / MAX_REGEXES_PER_SET}`, {
      description: `Paths of the ${cls} routes, from the route table`,
      scope: 'REGIONAL',
      regularExpressionList: regexes.slice(i, i + MAX_REGEXES_PER_SET),
    });
    sets.push({
      regexPatternSetReferenceStatement: {
        arn: set.attrArn,
        fieldToMatch: { uriPath: {} },
        textTransformations: [
          { priority: 0, type: 'URL_DECODE' },
          { priority: 1, type: 'NORMALIZE_PATH' },
        ],
      },
    });
  }
  return sets.length === 1 ? sets[0]! : { orStatement: { statements: sets } };
}

const BODY_KEY = 'rateLimited';

function rateRule(
  name: string,
  priority: number,
  rule: RateRule,
  scopeDownStatement?: CfnWebACL.StatementProperty,
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    statement: {
      rateBasedStatement: {
        aggregateKeyType: 'IP',
        limit: rule.limit,
        evaluationWindowSec: rule.windowSeconds,
        ...(scopeDownStatement ? { scopeDownStatement } : {}),
      },
    },
    action: {
      block: {
        customResponse: {
          responseCode: 429,
          customResponseBodyKey: BODY_KEY,
          responseHeaders: [{ name: 'retry-after', value: retryAfter(rule) }],
        },
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
  };
}

/** The rules and the 429 body, for the web ACL of the front door's REST stage `stage`. */
export function webAclRules(
  scope: Construct,
  id: string,
  limits: FrontDoorLimits,
  stage: string,
): Pick<CfnWebACLProps, 'rules' | 'customResponseBodies'> {
  return {
    rules: [
      rateRule('NameChecksPerAddress', 0, limits.nameChecks, scopeDown(scope, id, 'nameChecks', stage)),
      rateRule('PublicRoutesPerAddress', 1, limits.public, scopeDown(scope, id, 'public', stage)),
      rateRule('EveryRoutePerAddress', 2, limits.every),
    ],
    customResponseBodies: {
      [BODY_KEY]: {
        contentType: 'APPLICATION_JSON',
        content: JSON.stringify({
          type: `${PROBLEM_BASE}rate-limited`,
          title: 'Too many requests',
          status: 429,
          detail: 'too many requests from this address',
        }),
      },
    },
  };
}
