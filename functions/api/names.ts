import { DynamoNameIndex } from '#adapters/dynamo-name-index';
import { httpRoute, json } from '#http/route';
import { systemClock } from '#ports/clock';
import type { NameIndex } from '#ports/name-index';
import { ROUTE } from '#shared/routes';
import { checkName } from './name-check.ts';

let index: NameIndex | undefined;

/** POST /v1/names/check: an explained verdict at once; one storage round trip. */
export const check = httpRoute(ROUTE.CheckName, async ({ body }) => {
  index ??= new DynamoNameIndex();
  const { lock: _lock, ...result } = await checkName(body.name, body.division, index, systemClock.now());
  return json(200, result);
});
