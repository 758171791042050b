import { httpRoute, json } from '#http/route';
import { ROUTE } from '#shared/routes';

/** The handler answers only once its runtime routes to it: the local server holds 503 until every engine is up. */
export const handler = httpRoute(ROUTE.Health, async () => json(200, { status: 'ok' }));
