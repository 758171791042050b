import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';

/** The handler answers only once its runtime routes to it: the local server holds 503 until every engine is up. */
export const handler = httpRoute(ROUTE.Health, async () => json(200, { status: 'ok' }));

/** No port is needed, but every handler module is wired the same way. */
export const handlers = (_ports?: unknown) => ({ handler });
