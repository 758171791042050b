/**
 * The public catalogue routes: what an entity type files, and the normalized business scope. Both read
 * the committed seeds only (no storage), so they cost no round trip.
 */

import { ROUTE } from '#contract/routes';
import { checklistFor, loadCatalogue, searchScope } from '#domain/registration/catalogue';
import { httpRoute, json } from '#http/route';

/** GET /v1/checklists/{entityType}: the materials, required ones first, each with its condition if any. */
export const checklist = httpRoute(ROUTE.CheckList, async ({ params }) =>
  json(200, {
    entityType: params.entityType,
    version: loadCatalogue().version,
    items: checklistFor(params.entityType).map((item) => ({
      kind: item.kind,
      required: item.required,
      description: item.description,
      descriptionEn: item.descriptionEn,
      ...(item.requiredWhen ? { requiredWhen: item.requiredWhen } : {}),
    })),
  }),
);

/** GET /v1/business-scope?q=&limit=: code prefix or name matches; without q, the catalogue's first items. */
export const scope = httpRoute(ROUTE.SearchBusinessScope, async ({ query }) =>
  json(200, { items: searchScope(query.q ?? '', query.limit) }),
);

/** Pure routes: no port is needed, but every handler module is wired the same way. */
export const handlers = (_ports?: unknown) => ({ checklist, scope });
