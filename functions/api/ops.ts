/** The operators' views (api.md, Operators): the overview, every workflow execution, overdue human tasks. */
import { decodeCursor, encodeCursor } from '#adapters/cursor';
import { getExecution, listExecutions, type Position } from '#app/ops/executions';
import { listOverdueTasks } from '#app/ops/overdue';
import { opsOverview } from '#app/ops/overview';
import { ROUTE } from '#contract/routes';
import { workflowGraphs } from '#contract/workflow-graphs';
import type { ExecutionEntry } from '#domain/ops/execution-index';
import { httpRoute, json } from '#http/route';
import type { Ports } from '#ports/ports';

function summary(e: ExecutionEntry) {
  return {
    id: e.name,
    workflow: e.workflow,
    status: e.status,
    startedAt: e.startedAt,
    ...(e.stoppedAt ? { stoppedAt: e.stoppedAt } : {}),
    subjects: e.subjects,
    ...(e.outcome ? { outcome: e.outcome } : {}),
    ...(e.error ? { error: e.error } : {}),
  };
}

export function handlers(
  ports: Pick<Ports, 'observer' | 'executions' | 'humanTasks' | 'registrations' | 'deliveries' | 'clock'>,
) {
  return {
    overview: httpRoute(ROUTE.GetOpsOverview, async ({ caller }) => {
      const o = await opsOverview(ports, caller);
      return json(200, { ...o, failures: { ...o.failures, recent: o.failures.recent.map(summary) } });
    }),

    listWorkflows: httpRoute(ROUTE.ListWorkflowDefinitions, async () =>
      json(200, { items: workflowGraphs() }),
    ),

    listOverdueTasks: httpRoute(ROUTE.ListOverdueTasks, async ({ query }) =>
      json(200, await listOverdueTasks(ports, query.cursor, query.limit)),
    ),

    listExecutions: httpRoute(ROUTE.ListExecutions, async ({ query }) => {
      // A cursor belongs to the filter that gave it: another filter's cursor is a 400.
      const kind = `executions:${[query.workflow, query.status, query.from, query.to, query.subject].join('|')}`;
      const position = decodeCursor<Position>(kind, query.cursor) ?? {};
      const { items, next } = await listExecutions(ports, query, position);
      return json(200, { items: items.map(summary), nextCursor: encodeCursor(kind, next) });
    }),

    getExecution: httpRoute(ROUTE.GetExecution, async ({ params }) => {
      const e = await getExecution(ports, params.id);
      return json(200, {
        id: e.executionName,
        workflow: e.workflow,
        status: e.status,
        startedAt: e.startDate.toISOString(),
        ...(e.stopDate ? { stoppedAt: e.stopDate.toISOString() } : {}),
        subjects: e.subjects,
        ...(e.outcome ? { outcome: e.outcome } : {}),
        input: e.input,
        ...(e.output !== undefined ? { output: e.output } : {}),
        ...(e.error ? { error: e.error } : {}),
        states: e.states,
        humanTasks: e.humanTasks,
      });
    }),
  };
}
