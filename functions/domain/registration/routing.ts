/**
 * Which departments receive an enterprise event (信息共享推送), as data: seeds/departments/. The
 * departments' order in departments.json is the order of the answer, so deliveries are planned alike
 * on every run.
 */
import departmentsSeed from '#seeds/departments/departments.json' with { type: 'json' };
import routingSeed from '#seeds/departments/routing.json' with { type: 'json' };
import { ENTITY_TYPES } from '../entity-types.ts';
import { scopeItem } from './catalogue.ts';

export const ENTERPRISE_EVENTS = [
  'enterprise.registered',
  'enterprise.changed',
  'enterprise.deregistered',
] as const;
export type EnterpriseEventType = (typeof ENTERPRISE_EVENTS)[number];

/** Scope item flags a route may require. */
const SCOPE_FLAGS = ['importExport', 'licensed', 'preApproval'] as const;
type ScopeFlag = (typeof SCOPE_FLAGS)[number];

export interface Route {
  department: string;
  events: readonly string[];
  when?: { entityTypes?: readonly string[]; scopeFlag?: string };
}

export interface RoutingSeeds {
  departments: {
    version: string;
    departments: ReadonlyArray<{ code: string; name: string; nameEn: string }>;
  };
  routing: { version: string; events: readonly string[]; routes: readonly Route[] };
}

export interface RoutingTable {
  version: string;
  departments: readonly string[];
  routes: ReadonlyMap<string, readonly Route[]>;
}

export function buildRoutingTable(seeds: RoutingSeeds): RoutingTable {
  const codes = seeds.departments.departments.map((d) => d.code);
  if (new Set(codes).size !== codes.length) throw new Error('departments: a code is listed twice');
  const routes = new Map<string, Route[]>();
  for (const route of seeds.routing.routes) {
    if (!codes.includes(route.department)) throw new Error(`routing: unknown department ${route.department}`);
    for (const e of route.events)
      if (!(ENTERPRISE_EVENTS as readonly string[]).includes(e))
        throw new Error(`routing: unknown event ${e}`);
    for (const t of route.when?.entityTypes ?? [])
      if (!(ENTITY_TYPES as readonly string[]).includes(t))
        throw new Error(`routing: unknown entity type ${t}`);
    const flag = route.when?.scopeFlag;
    if (flag !== undefined && !(SCOPE_FLAGS as readonly string[]).includes(flag))
      throw new Error(`routing: unknown scope flag ${flag}`);
    routes.set(route.department, [...(routes.get(route.department) ?? []), route]);
  }
  return {
    version: `departments@${seeds.departments.version}+routing@${seeds.routing.version}`,
    departments: codes,
    routes,
  };
}

let loaded: RoutingTable | undefined;

export function loadRoutingTable(): RoutingTable {
  loaded ??= buildRoutingTable({ departments: departmentsSeed, routing: routingSeed });
  return loaded;
}

export interface EnterpriseEvent {
  type: EnterpriseEventType;
  entityType: string;
  /** The enterprise's business scope item codes. */
  scopeCodes: readonly string[];
}

function applies(route: Route, event: EnterpriseEvent): boolean {
  if (!route.events.includes(event.type)) return false;
  const types = route.when?.entityTypes;
  if (types && !types.includes(event.entityType)) return false;
  const flag = route.when?.scopeFlag as ScopeFlag | undefined;
  if (flag && !event.scopeCodes.some((code) => scopeItem(code)?.[flag] === true)) return false;
  return true;
}

/** The department codes that receive the event, in the departments' order. */
export function recipientsOf(event: EnterpriseEvent, table: RoutingTable = loadRoutingTable()): string[] {
  if (!(ENTERPRISE_EVENTS as readonly string[]).includes(event.type))
    throw new RangeError(`unknown enterprise event type ${event.type}`);
  return table.departments.filter((code) => (table.routes.get(code) ?? []).some((r) => applies(r, event)));
}
