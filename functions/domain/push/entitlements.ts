/**
 * Which `data` fields each department is entitled to, per event type (seeds/departments/entitlements.json):
 * routing decides the fields, not only the events. What no entry lists is sent to nobody, so a field the
 * registry adds to an event stays home until a department's entitlement names it (PIPL art. 6, minimum
 * necessary).
 */
import entitlementsSeed from '#seeds/departments/entitlements.json' with { type: 'json' };

/** Every event type the push delivers. */
export const PUSH_EVENT_TYPES = [
  'enterprise.registered',
  'enterprise.changed',
  'enterprise.deregistering',
  'enterprise.deregistered',
  'license.issued',
  'license.revoked',
] as const;
export type PushEventType = (typeof PUSH_EVENT_TYPES)[number];

export const isPushEventType = (type: string): type is PushEventType =>
  (PUSH_EVENT_TYPES as readonly string[]).includes(type);

/** The seed as JSON gives it: strings still to be checked against the closed sets. */
export interface EntitlementSeed {
  version: string;
  catalogue: Readonly<Record<string, readonly string[]>>;
  routes: ReadonlyArray<{
    department: string;
    events: readonly string[];
    when?: { entityTypes?: readonly string[]; scopeFlag?: string };
  }>;
  departments: Readonly<
    Record<string, { basis: string; fields: Readonly<Record<string, readonly string[]>> }>
  >;
}

/** A path tree: `true` keeps the whole value, a map keeps the named keys. */
type FieldTree = ReadonlyMap<string, FieldTree | true>;

export interface EntitlementTable {
  version: string;
  seed: EntitlementSeed;
  /** department → event type → the entitled paths, as listed. */
  fields: ReadonlyMap<string, ReadonlyMap<PushEventType, readonly string[]>>;
  trees: ReadonlyMap<string, ReadonlyMap<PushEventType, FieldTree>>;
}

function treeOf(paths: readonly string[]): FieldTree {
  const root = new Map<string, FieldTree | true>();
  for (const path of paths) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let node: Map<string, FieldTree | true> | undefined = root;
    for (const key of keys) {
      const next: FieldTree | true = node.get(key) ?? new Map<string, FieldTree | true>();
      node.set(key, next);
      node = next === true ? undefined : (next as Map<string, FieldTree | true>);
      if (!node) break; // the whole value is kept already
    }
    node?.set(last, true);
  }
  return root;
}

function checkedCatalogue(seed: EntitlementSeed): Map<PushEventType, Set<string>> {
  const catalogue = new Map<PushEventType, Set<string>>();
  for (const [type, paths] of Object.entries(seed.catalogue)) {
    if (!isPushEventType(type)) throw new Error(`entitlements: unknown event type ${type} in the catalogue`);
    catalogue.set(type, new Set(paths));
  }
  for (const type of PUSH_EVENT_TYPES)
    if (!catalogue.has(type)) throw new Error(`entitlements: the catalogue lacks ${type}`);
  return catalogue;
}

export function buildEntitlements(seed: EntitlementSeed): EntitlementTable {
  const catalogue = checkedCatalogue(seed);
  const fields = new Map<string, Map<PushEventType, readonly string[]>>();
  const trees = new Map<string, Map<PushEventType, FieldTree>>();
  for (const [department, entry] of Object.entries(seed.departments)) {
    if (!entry.basis.trim()) throw new Error(`entitlements: ${department} has no basis`);
    const byType = new Map<PushEventType, readonly string[]>();
    const treeByType = new Map<PushEventType, FieldTree>();
    for (const [type, paths] of Object.entries(entry.fields)) {
      if (!isPushEventType(type)) throw new Error(`entitlements: ${department}: unknown event type ${type}`);
      const known = catalogue.get(type)!;
      for (const path of paths)
        if (!known.has(path)) throw new Error(`entitlements: ${department}: ${type} has no field ${path}`);
      byType.set(type, paths);
      treeByType.set(type, treeOf(paths));
    }
    fields.set(department, byType);
    trees.set(department, treeByType);
  }
  return { version: seed.version, seed, fields, trees };
}

let loaded: EntitlementTable | undefined;

export function loadEntitlements(): EntitlementTable {
  loaded ??= buildEntitlements(entitlementsSeed);
  return loaded;
}

/** The paths a department may receive in an event type; undefined when it is entitled to none. */
export function entitledFields(
  department: string,
  type: string,
  table: EntitlementTable = loadEntitlements(),
): readonly string[] | undefined {
  return isPushEventType(type) ? table.fields.get(department)?.get(type) : undefined;
}

function pick(value: unknown, tree: FieldTree | true): unknown {
  if (tree === true) return value;
  if (Array.isArray(value)) return value.map((v) => pick(v, tree)).filter((v) => v !== undefined);
  // A scalar where an object was expected: the department is entitled to parts of it, not to the whole.
  if (value === null || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of tree) {
    if (!Object.hasOwn(value, key)) continue;
    const picked = pick((value as Record<string, unknown>)[key], sub);
    if (picked !== undefined) out[key] = picked;
  }
  return out;
}

/**
 * The part of an event's data a department is entitled to, and nothing more. `changedFields` (of
 * `enterprise.changed`) names only fields the department may see: that a field changed is data too.
 * Throws for a department and event type with no entitlement: no delivery should have been planned.
 */
export function dataFor(
  department: string,
  type: string,
  fullData: Readonly<Record<string, unknown>>,
  table: EntitlementTable = loadEntitlements(),
): Record<string, unknown> {
  const tree = isPushEventType(type) ? table.trees.get(department)?.get(type) : undefined;
  if (!tree) throw new RangeError(`${department} is not entitled to ${type}`);
  const data = pick(fullData, tree) as Record<string, unknown>;
  if (Array.isArray(data.changedFields)) {
    const visible = new Set(
      table.fields
        .get(department)
        ?.get(type as PushEventType)
        ?.map(topLevel),
    );
    data.changedFields = data.changedFields.filter((f) => typeof f === 'string' && visible.has(topLevel(f)));
  }
  return data;
}

const topLevel = (path: string) => path.split('.')[0]!;
