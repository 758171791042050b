/** Name self-declaration: the check, reservations and the public search (api.md, Names). */
import { decodeCursor, encodeCursor } from '#adapters/cursor';
import { checkName } from '#app/names/check-name';
import { listReservations, readReservation, releaseReservation, reserveName } from '#app/names/reservations';
import { type SearchPosition, searchNames } from '#app/names/search-names';
import { ROUTE } from '#contract/routes';
import { toCstIso } from '#domain/legal-time';
import type { ReservationRecord } from '#domain/reservation';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function reservationView(r: ReservationRecord) {
  return {
    id: r.id,
    name: r.name,
    division: r.division,
    entityType: r.entityType,
    status: r.status,
    reservedAt: toCstIso(new Date(r.reservedAt)),
    expiresAt: toCstIso(new Date(r.expiresAt)),
    ...(r.holderName ? { holderName: r.holderName } : {}),
  };
}

export function handlers(
  ports: Pick<
    Ports,
    'clock' | 'idempotency' | 'ids' | 'metrics' | 'nameIndex' | 'reservations' | 'settings' | 'workflows'
  >,
) {
  return {
    /** POST /v1/names/check: an explained verdict at once; one storage round trip. */
    check: httpRoute(ROUTE.CheckName, async ({ body }) => {
      const { lock: _lock, ...result } = await checkName(ports, body.name, body.division);
      return json(200, result);
    }),

    reserve: httpRoute(
      ROUTE.ReserveName,
      async ({ body, caller }) => {
        const record = await reserveName(ports, caller, body);
        return json(201, reservationView(record), { location: `/v1/names/reservations/${record.id}` });
      },
      ports,
    ),

    list: httpRoute(ROUTE.ListReservations, async ({ caller, query }) => {
      const page = await listReservations(ports, caller, query?.cursor, query?.limit ?? 20);
      return json(200, { items: page.items.map(reservationView), nextCursor: page.nextCursor });
    }),

    getOne: httpRoute(ROUTE.GetReservation, async ({ params, caller }) =>
      json(200, reservationView(await readReservation(ports, caller, params.id))),
    ),

    release: httpRoute(ROUTE.ReleaseReservation, async ({ params, caller }) =>
      json(200, reservationView(await releaseReservation(ports, caller, params.id))),
    ),

    search: httpRoute(ROUTE.SearchNames, async ({ query }) => {
      const position = decodeCursor<SearchPosition>('name-search', query.cursor);
      const { items, next } = await searchNames(ports, query.q, query.limit, position);
      return json(200, {
        items: items.map((m) => ({
          name: m.name,
          status: m.status,
          ...(m.creditCode ? { creditCode: m.creditCode } : {}),
        })),
        nextCursor: encodeCursor('name-search', next),
      });
    }),
  };
}
