/**
 * The operators' overview (api.md, Operators): what is running and failing per workflow, throughput by
 * hour, overdue human tasks, deliveries that wait, and the on-the-spot issuance rate per authority.
 * Read from counters kept as things happen, so its cost does not grow with the registry: one Query per
 * counter shard for the status counts (8) and for each of the two days the last 24 hours touch (16), 1 for
 * issuance, 2 per workflow for its recent failures and time-outs (8), 1 for the overdue tasks, and the
 * departments' 8 (app/push/operators.ts): 42 round trips, all in parallel.
 */
import { WORKFLOWS } from '#contract/workflows';
import type { Caller } from '#domain/caller';
import { EXECUTION_STATUSES, type ExecutionEntry, hourOf } from '#domain/ops/execution-index';
import { redact } from '#domain/ops/redact';
import type { Ports } from '#ports/ports';
import { departmentOverview } from '../push/operators.ts';
import { overdueEntry } from './overdue.ts';

const HOURS = 24;
const RECENT_FAILURES = 5;
const OLDEST_TASKS = 5;

const FAILED = ['FAILED', 'TIMED_OUT'] as const;

export async function opsOverview(
  ports: Pick<Ports, 'executions' | 'humanTasks' | 'deliveries' | 'clock'>,
  caller: Caller,
) {
  const now = ports.clock.now();
  const hours = Array.from({ length: HOURS }, (_, i) =>
    hourOf(new Date(now.getTime() - (HOURS - 1 - i) * 3_600_000).toISOString()),
  );
  const [counts, hourly, issuance, failures, overdue, departments] = await Promise.all([
    ports.executions.counts(),
    ports.executions.hourly(hours[0]!, hours.at(-1)!),
    ports.executions.issuance(),
    Promise.all(
      WORKFLOWS.flatMap((w) =>
        FAILED.map((status) => ports.executions.list({ workflow: w.name, status }, RECENT_FAILURES)),
      ),
    ),
    ports.humanTasks.listOverdue(now, undefined, 100),
    departmentOverview(ports, caller),
  ]);
  const recent: ExecutionEntry[] = failures
    .flatMap((f) => f.items)
    .sort((a, b) => ((a.stoppedAt ?? a.startedAt) < (b.stoppedAt ?? b.startedAt) ? 1 : -1));
  return redact({
    generatedAt: now.toISOString(),
    workflows: WORKFLOWS.map((w) => ({
      workflow: w.name,
      counts: Object.fromEntries(
        EXECUTION_STATUSES.map((s) => [s, Math.max(0, counts[w.name]?.[s] ?? 0)]),
      ) as Record<(typeof EXECUTION_STATUSES)[number], number>,
      throughput: hours.map((hour) => {
        const h = hourly.find((x) => x.hour === hour && x.workflow === w.name);
        return {
          at: `${hour}:00:00.000Z`,
          started: h?.started ?? 0,
          succeeded: h?.succeeded ?? 0,
          failed: h?.failed ?? 0,
        };
      }),
    })),
    failures: {
      last24h: hourly.reduce((n, h) => n + h.failed, 0),
      recent: recent.slice(0, RECENT_FAILURES),
    },
    overdueTasks: {
      count: overdue.items.length,
      oldest: overdue.items.slice(0, OLDEST_TASKS).map((t) => overdueEntry(t, now)),
    },
    deliveries: {
      failed: departments.reduce((n, d) => n + d.failed, 0),
      outstanding: departments.reduce((n, d) => n + d.outstanding, 0),
      ...oldest(departments.map((d) => d.oldestUnacknowledgedAgeSeconds)),
      departments: departments.map((d) => ({
        department: d.department,
        // A department that never registered a webhook reads its inbox: no push to be disabled.
        webhook: d.webhook.url ? d.webhook.status : 'none',
        failed: d.failed,
        outstanding: d.outstanding,
        ...(d.oldestUnacknowledgedAgeSeconds !== undefined
          ? { oldestUnacknowledgedAgeSeconds: d.oldestUnacknowledgedAgeSeconds }
          : {}),
      })),
    },
    issuance: issuance
      .sort((a, b) => (a.authority < b.authority ? -1 : 1))
      .map((i) => ({ ...i, rate: i.decided > 0 ? i.onTheSpot / i.decided : 0 })),
  });
}

function oldest(ages: (number | undefined)[]) {
  const known = ages.filter((a): a is number => a !== undefined);
  return known.length > 0 ? { oldestUnacknowledgedAgeSeconds: Math.max(...known) } : {};
}
