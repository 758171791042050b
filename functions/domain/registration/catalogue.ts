/**
 * The registration catalogue: the materials each entity type files (seeds/registration/checklists.json)
 * and the normalized business scope (seeds/registration/business-scope.json). Read once, checked
 * against the closed sets on first use, and kept for the process.
 */

import scopeSeed from '#seeds/registration/business-scope.json' with { type: 'json' };
import checklistsSeed from '#seeds/registration/checklists.json' with { type: 'json' };
import { ENTITY_TYPES, type EntityType } from '../entity-types.ts';
import type { RegistrationApplication } from './types.ts';

/** What makes an otherwise optional material required. */
export const MATERIAL_CONDITIONS = [
  'foreign_legal_person_investor',
  'pre_approval_scope',
  'agent',
  'non_currency_contribution',
] as const;
export type MaterialCondition = (typeof MATERIAL_CONDITIONS)[number];

export interface ChecklistItem {
  kind: string;
  required: boolean;
  description: string;
  descriptionEn: string;
  requiredWhen?: MaterialCondition;
}

export interface ScopeItem {
  code: string;
  name: string;
  /** GB/T 4754-2017 section letter. */
  section: string;
  preApproval?: boolean;
  licensed?: boolean;
  importExport?: boolean;
}

export interface RegistrationCatalogue {
  version: string;
  checklists: ReadonlyMap<EntityType, readonly ChecklistItem[]>;
  scope: ReadonlyMap<string, ScopeItem>;
  scopeItems: readonly ScopeItem[];
}

/** The seeds as JSON gives them: strings still to be checked against the closed sets. */
export interface CatalogueSeeds {
  checklists: {
    version: string;
    kinds: Readonly<Record<string, { description: string; descriptionEn: string }>>;
    checklists: Readonly<
      Record<string, ReadonlyArray<{ kind: string; required: boolean; requiredWhen?: string }>>
    >;
  };
  scope: { version: string; items: readonly ScopeItem[] };
}

const SCOPE_CODE = /^[A-T]\d{5}$/;

export function buildCatalogue(seeds: CatalogueSeeds): RegistrationCatalogue {
  const checklists = new Map<EntityType, ChecklistItem[]>();
  for (const entityType of ENTITY_TYPES) {
    const list = seeds.checklists.checklists[entityType];
    if (!list) throw new Error(`checklists: no checklist for ${entityType}`);
    checklists.set(
      entityType,
      list.map((item) => {
        const kind = seeds.checklists.kinds[item.kind];
        if (!kind) throw new Error(`checklists: ${entityType} lists unknown kind ${item.kind}`);
        const when = item.requiredWhen;
        if (when !== undefined && !(MATERIAL_CONDITIONS as readonly string[]).includes(when))
          throw new Error(`checklists: ${item.kind} has unknown condition ${when}`);
        return {
          kind: item.kind,
          required: item.required,
          description: kind.description,
          descriptionEn: kind.descriptionEn,
          ...(when ? { requiredWhen: when as MaterialCondition } : {}),
        };
      }),
    );
  }
  const scope = new Map<string, ScopeItem>();
  for (const item of seeds.scope.items) {
    if (!SCOPE_CODE.test(item.code) || item.code[0] !== item.section)
      throw new Error(`business-scope: bad code ${item.code}`);
    if (scope.has(item.code)) throw new Error(`business-scope: duplicate code ${item.code}`);
    scope.set(item.code, item);
  }
  return {
    version: `checklists@${seeds.checklists.version}+business-scope@${seeds.scope.version}`,
    checklists,
    scope,
    scopeItems: [...scope.values()],
  };
}

let loaded: RegistrationCatalogue | undefined;

/** The catalogue of the committed seeds, built on first use and kept for the process. */
export function loadCatalogue(): RegistrationCatalogue {
  loaded ??= buildCatalogue({ checklists: checklistsSeed, scope: scopeSeed });
  return loaded;
}

/** The materials an entity type files, required ones first as the seed lists them. */
export function checklistFor(entityType: EntityType): readonly ChecklistItem[] {
  const list = loadCatalogue().checklists.get(entityType);
  if (!list) throw new RangeError(`no checklist for entity type ${entityType}`);
  return list;
}

/**
 * The kinds of the required materials not among `provided`: those required always, and those whose
 * condition the application shows (see `materialConditionsOf`).
 */
export function missingMaterials(
  entityType: EntityType,
  provided: ReadonlyArray<{ kind: string }>,
  conditions: readonly MaterialCondition[] = [],
): string[] {
  const have = new Set(provided.map((m) => m.kind));
  return checklistFor(entityType)
    .filter((item) => item.required || (item.requiredWhen && conditions.includes(item.requiredWhen)))
    .filter((item) => !have.has(item.kind))
    .map((item) => item.kind);
}

/**
 * The conditions an application shows by itself. Whether an agent files it is not in the body: the
 * caller adds `agent` when it knows (a bank clerk filing for the applicant).
 */
export function materialConditionsOf(app: RegistrationApplication): MaterialCondition[] {
  const out: MaterialCondition[] = [];
  if (app.investors.some((i) => i.kind === 'legal_person' && i.foreignRegistration))
    out.push('foreign_legal_person_investor');
  if (app.businessScope.some((code) => scopeItem(code)?.preApproval)) out.push('pre_approval_scope');
  if (app.investors.some((i) => i.contributionForm !== 'currency')) out.push('non_currency_contribution');
  return out;
}

export function scopeItem(code: string): ScopeItem | undefined {
  return loadCatalogue().scope.get(code);
}

/**
 * Items whose code starts with `q` or whose name contains it: a code match first, then names that
 * start with the query, then the rest, each in catalogue order. An empty query lists the catalogue.
 */
export function searchScope(q: string, limit = 20): ScopeItem[] {
  const n = Math.max(1, Math.min(100, Math.trunc(limit)));
  const query = q.trim();
  const items = loadCatalogue().scopeItems;
  if (!query) return items.slice(0, n);
  const upper = query.toUpperCase();
  const rank = (item: ScopeItem): number =>
    item.code.startsWith(upper) ? 0 : item.name.startsWith(query) ? 1 : item.name.includes(query) ? 2 : 3;
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .filter((x) => x.r < 3)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, n)
    .map((x) => x.item);
}
