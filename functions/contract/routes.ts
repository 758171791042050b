/**
 * The one route table. The CDK API stack makes one Lambda and one HTTP API route of each entry, the
 * local server serves the same entries with the same handlers, and GET /openapi.json is generated from
 * the same schemas. Roles here are documentation and the gateway's first line; every handler checks the
 * caller's role and the resource's owner again itself.
 */
import { AUTH_ROUTES } from './routes/auth.ts';
import { BANK_ROUTES } from './routes/bank.ts';
import { CONSOLE_ROUTES } from './routes/console.ts';
import { DEPARTMENTS_ROUTES } from './routes/departments.ts';
import { DEREGISTRATIONS_ROUTES } from './routes/deregistrations.ts';
import { ENTERPRISES_ROUTES } from './routes/enterprises.ts';
import { LICENSES_ROUTES } from './routes/licenses.ts';
import { NAMES_ROUTES } from './routes/names.ts';
import { OPS_ROUTES } from './routes/ops.ts';
import { PLATFORM_ROUTES } from './routes/platform.ts';
import { REGISTRATIONS_ROUTES } from './routes/registrations.ts';
import { REVIEWS_ROUTES } from './routes/reviews.ts';
import type { RouteSchema } from './routes/types.ts';

export type { HttpMethod, RouteGrants, RouteSchema } from './routes/types.ts';

/** Every route, by id (typed, so handlers get their request types from the schemas), one module per resource. */
export const ROUTE = {
  ...PLATFORM_ROUTES,
  ...AUTH_ROUTES,
  ...NAMES_ROUTES,
  ...REGISTRATIONS_ROUTES,
  ...REVIEWS_ROUTES,
  ...BANK_ROUTES,
  ...ENTERPRISES_ROUTES,
  ...LICENSES_ROUTES,
  ...OPS_ROUTES,
  ...DEPARTMENTS_ROUTES,
  ...DEREGISTRATIONS_ROUTES,
  ...CONSOLE_ROUTES,
} as const satisfies Record<string, RouteSchema>;

export const ROUTES: readonly RouteSchema[] = Object.values(ROUTE);

/** The routes the cloud deploys. */
export const CLOUD_ROUTES = ROUTES.filter((r) => !r.localOnly);
