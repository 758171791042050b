/**
 * Who receives each push event. The enterprise events routing.json already names go through
 * `recipientsOf` unchanged; the types it does not route yet (enterprise.deregistering, license.issued,
 * license.revoked) take their routes from the `routes` of seeds/departments/entitlements.json, in the
 * same Route shape and read the same way. Once the lead folds those routes into routing.json (and its
 * ENTERPRISE_EVENTS), this module's extra table empties and `pushRecipientsOf` is `recipientsOf`.
 *
 * Loading cross-checks the two seeds: every route points at a department entitled to that event type's
 * fields, and every entitlement is reachable by some route.
 */

import type { OutboxEvent } from '../enterprise.ts';
import { ENTITY_TYPES } from '../entity-types.ts';
import { scopeItem } from '../registration/catalogue.ts';
import {
  ENTERPRISE_EVENTS,
  type EnterpriseEventType,
  loadRoutingTable,
  type Route,
  type RoutingTable,
  recipientsOf,
} from '../registration/routing.ts';
import {
  type EntitlementTable,
  isPushEventType,
  loadEntitlements,
  type PushEventType,
} from './entitlements.ts';

const SCOPE_FLAGS = ['importExport', 'licensed', 'preApproval'] as const;

export interface PushRouting {
  /** Stamped on every delivery (the `routingversion` extension). */
  version: string;
  routing: RoutingTable;
  entitlements: EntitlementTable;
  /** department → the routes entitlements.json adds, for the types routing.json lacks. */
  extra: ReadonlyMap<string, readonly Route[]>;
}

/** What routing looks at: the event type and the enterprise's entity type and scope. */
export interface RoutedEvent {
  type: string;
  entityType: string;
  scopeCodes: readonly string[];
}

const routedByRoutingJson = (type: string): type is EnterpriseEventType =>
  (ENTERPRISE_EVENTS as readonly string[]).includes(type);

function checkedRoute(route: Route, departments: readonly string[]): Route {
  if (!departments.includes(route.department))
    throw new Error(`push routes: unknown department ${route.department}`);
  for (const type of route.events) {
    if (!isPushEventType(type)) throw new Error(`push routes: unknown event ${type}`);
    if (routedByRoutingJson(type)) throw new Error(`push routes: ${type} is routed by routing.json already`);
  }
  for (const t of route.when?.entityTypes ?? [])
    if (!(ENTITY_TYPES as readonly string[]).includes(t))
      throw new Error(`push routes: unknown entity type ${t}`);
  const flag = route.when?.scopeFlag;
  if (flag !== undefined && !(SCOPE_FLAGS as readonly string[]).includes(flag))
    throw new Error(`push routes: unknown scope flag ${flag}`);
  return route;
}

/** Every (department, type) some route can deliver, from both seeds. */
function routedPairs(routing: RoutingTable, extra: ReadonlyMap<string, readonly Route[]>): Set<string> {
  const pairs = new Set<string>();
  for (const table of [routing.routes, extra])
    for (const [department, routes] of table)
      for (const route of routes) for (const type of route.events) pairs.add(`${department} ${type}`);
  return pairs;
}

function crossCheck(pairs: Set<string>, entitlements: EntitlementTable): void {
  for (const pair of pairs) {
    const [department, type] = pair.split(' ') as [string, string];
    if (!entitlements.fields.get(department)?.get(type as PushEventType))
      throw new Error(`push routes: ${department} receives ${type} but is entitled to none of its fields`);
  }
  for (const [department, byType] of entitlements.fields)
    for (const type of byType.keys())
      if (!pairs.has(`${department} ${type}`))
        throw new Error(`entitlements: ${department} is entitled to ${type} but no route delivers it`);
}

export function buildPushRouting(routing: RoutingTable, entitlements: EntitlementTable): PushRouting {
  const extra = new Map<string, Route[]>();
  for (const route of entitlements.seed.routes) {
    const checked = checkedRoute(route, routing.departments);
    extra.set(checked.department, [...(extra.get(checked.department) ?? []), checked]);
  }
  crossCheck(routedPairs(routing, extra), entitlements);
  return {
    version: `${routing.version}+entitlements@${entitlements.version}`,
    routing,
    entitlements,
    extra,
  };
}

let loaded: PushRouting | undefined;

export function loadPushRouting(): PushRouting {
  loaded ??= buildPushRouting(loadRoutingTable(), loadEntitlements());
  return loaded;
}

/**
 * The departments the registry shares with (seeds/departments/departments.json), in its order. Codes are
 * case-sensitive: `housingFund` is one, `housingfund` is not.
 */
export const knownDepartments = (push: PushRouting = loadPushRouting()): readonly string[] =>
  push.routing.departments;

export const isKnownDepartment = (code: string, push: PushRouting = loadPushRouting()): boolean =>
  push.routing.departments.includes(code);

function applies(route: Route, event: RoutedEvent): boolean {
  if (!route.events.includes(event.type)) return false;
  const types = route.when?.entityTypes;
  if (types && !types.includes(event.entityType)) return false;
  const flag = route.when?.scopeFlag as (typeof SCOPE_FLAGS)[number] | undefined;
  if (flag && !event.scopeCodes.some((code) => scopeItem(code)?.[flag] === true)) return false;
  return true;
}

/** The departments that receive a push event, in the departments' order (departments.json). */
export function pushRecipientsOf(event: RoutedEvent, push: PushRouting = loadPushRouting()): string[] {
  if (!isPushEventType(event.type)) throw new RangeError(`unknown push event type ${event.type}`);
  if (routedByRoutingJson(event.type))
    return recipientsOf({ ...event, type: event.type, scopeCodes: [...event.scopeCodes] }, push.routing);
  return push.routing.departments.filter((code) =>
    (push.extra.get(code) ?? []).some((route) => applies(route, event)),
  );
}

/**
 * The recipients of an outbox event. An enterprise event routed when it was written keeps the recipients
 * it was written with (the routing in force at the state change); license and deregistering events are
 * written unrouted (`recipients: []`) and are routed here from the enterprise's facts.
 */
export function outboxRecipients(
  event: Pick<OutboxEvent, 'type' | 'recipients'>,
  enterprise: { entityType: string; scopeCodes: readonly string[] },
  push: PushRouting = loadPushRouting(),
): string[] {
  if (routedByRoutingJson(event.type) && event.recipients.length > 0) return [...event.recipients];
  return pushRecipientsOf({ type: event.type, ...enterprise }, push);
}
