/**
 * Applies one execution status change to the platform's execution index (docs/decisions/0019): in the
 * cloud each Step Functions "Execution Status Change" event through EventBridge, locally the same event
 * made by the local engine. Changes arrive at least once and in any order; the index decides.
 */
import { workflowOfExecution } from '#contract/executions';
import { EXECUTION_STATUSES, type ExecutionEntry, type IndexedStatus } from '#domain/ops/execution-index';
import { outcomeOf, subjectsIn } from '#domain/ops/outcome';
import { redact, redactText } from '#domain/ops/redact';
import type { Ports } from '#ports/ports';

/** The fields of a status change event's detail the index reads (times in epoch milliseconds). */
export interface StatusChange {
  name: string;
  status: string;
  startDate: number;
  stopDate?: number | null | undefined;
  input?: string | null | undefined;
  output?: string | null | undefined;
  error?: string | null | undefined;
  cause?: string | null | undefined;
  redriveCount?: number | null | undefined;
}

function parsed(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isIndexed = (s: string): s is IndexedStatus => (EXECUTION_STATUSES as readonly string[]).includes(s);

/** The entry a change makes; undefined for an execution of no workflow of ours or a status not indexed. */
export function entryOf(change: StatusChange): ExecutionEntry | undefined {
  const workflow = workflowOfExecution(change.name);
  if (!workflow || !isIndexed(change.status)) return undefined;
  const output = parsed(change.output);
  const [, caseId] = change.name.split('--');
  const { outcome, issuance } = change.status === 'SUCCEEDED' ? outcomeOf(workflow.name, output) : {};
  return {
    name: change.name,
    workflow: workflow.name,
    status: change.status,
    startedAt: new Date(change.startDate).toISOString(),
    ...(change.stopDate ? { stoppedAt: new Date(change.stopDate).toISOString() } : {}),
    redriveCount: change.redriveCount ?? 0,
    subjects: [...new Set([...(caseId ? [caseId] : []), ...subjectsIn(parsed(change.input), output)])],
    ...(outcome ? { outcome } : {}),
    ...(change.error
      ? {
          error: redact({
            error: change.error,
            ...(change.cause ? { cause: redactText(change.cause) } : {}),
          }),
        }
      : {}),
    ...(issuance ? { issuance } : {}),
  };
}

export async function indexStatusChange(
  ports: Pick<Ports, 'executions'>,
  change: StatusChange,
): Promise<boolean> {
  const entry = entryOf(change);
  return entry ? ports.executions.apply(entry) : false;
}
