import { DynamoReservationStore } from '#adapters/dynamo-reservations';
import { httpRoute, json } from '#http/route';
import { systemClock } from '#ports/clock';
import type { ReservationStore } from '#ports/reservations';
import { ROUTE } from '#shared/routes';
import { checkName } from './name-check.ts';

let store: ReservationStore | undefined;

/** POST /v1/names/check: an explained verdict at once; one storage round trip. */
export const check = httpRoute(ROUTE.CheckName, async ({ body }) => {
  store ??= new DynamoReservationStore();
  const { lock: _lock, ...result } = await checkName(body.name, body.division, store, systemClock.now());
  return json(200, result);
});
