/** The operators' view of every workflow execution (api.md, Operators), through the observer port. */
import { decodeCursor, encodeCursor } from '#adapters/cursor';
import { getExecution, listExecutions, type Position } from '#app/ops/executions';
import { ROUTE } from '#contract/routes';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

export function handlers(ports: Pick<Ports, 'observer'>) {
  return {
    listExecutions: httpRoute(ROUTE.ListExecutions, async ({ query }) => {
      const position = decodeCursor<Position>('executions', query.cursor) ?? {};
      const { items, next } = await listExecutions(ports, query, position);
      return json(200, {
        items: items.map((e) => ({
          id: e.executionName,
          workflow: e.workflow,
          status: e.status,
          startedAt: e.startDate.toISOString(),
          ...(e.stopDate ? { stoppedAt: e.stopDate.toISOString() } : {}),
        })),
        nextCursor: encodeCursor('executions', next),
      });
    }),

    getExecution: httpRoute(ROUTE.GetExecution, async ({ params }) => {
      const e = await getExecution(ports, params.id);
      return json(200, {
        id: e.executionName,
        workflow: e.workflow,
        status: e.status,
        startedAt: e.startDate.toISOString(),
        ...(e.stopDate ? { stoppedAt: e.stopDate.toISOString() } : {}),
        input: e.input,
        ...(e.output !== undefined ? { output: e.output } : {}),
        ...(e.error ? { error: e.error } : {}),
        states: e.states,
      });
    }),
  };
}
