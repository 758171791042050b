/**
 * What an execution's start and end tell the operators' index, read from its input and output (which
 * carry ids and facts, never personal data): the ids it worked on, what the case came to in a few words,
 * and for a registration ended registered, its authority and whether the rules decided it on the spot.
 */
import type { Issuance } from './execution-index.ts';

const SUBJECT_KEYS = new Set(['registrationId', 'reservationId', 'deregistrationId', 'creditCode']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The ids in the first two levels of a state's data (`$.registrationId`, `$.code.creditCode`). */
export function subjectsIn(...values: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (v: unknown, depth: number) => {
    if (!isObject(v) || depth > 2) return;
    for (const [k, x] of Object.entries(v)) {
      if (SUBJECT_KEYS.has(k) && typeof x === 'string' && /^[0-9A-Za-z_-]{1,80}$/.test(x)) found.add(x);
      else visit(x, depth + 1);
    }
  };
  for (const v of values) visit(v, 1);
  return [...found];
}

function registrationOutcome(output: Json): { outcome?: string; issuance?: Issuance } {
  const decision = isObject(output.decision) ? output.decision : undefined;
  const facts = isObject(output.check) && isObject(output.check.facts) ? output.check.facts : undefined;
  // The examiner's answer ($.review) decides whatever the rules said: their failed rules only sent it to review.
  const byExaminer = isObject(output.review) && typeof output.review.decision === 'string';
  if (output.rejection) {
    if (byExaminer) return { outcome: 'rejected by the examiner' };
    const failed = Array.isArray(decision?.failedRules) ? (decision.failedRules as string[]) : [];
    if (decision?.outcome === 'reject' && failed.length > 0)
      return { outcome: `rejected: ${failed.join(', ')}` };
    return { outcome: 'rejected: supplement overdue' };
  }
  if (isObject(output.enterprise)) {
    const by = byExaminer || decision?.by === 'examiner' ? 'examiner' : 'rules';
    const issued = isObject(output.license) ? 'licensed' : 'registered';
    return {
      outcome: `${issued}, approved by ${by === 'rules' ? 'the rules' : 'the examiner'}`,
      ...(typeof facts?.authority === 'string'
        ? { issuance: { authority: facts.authority, onTheSpot: by === 'rules' } }
        : {}),
    };
  }
  return {};
}

/** The last `status` its output carries (a case's status after the last task), if any. */
function statusIn(output: Json): string | undefined {
  let found: string | undefined;
  for (const v of Object.values(output)) if (isObject(v) && typeof v.status === 'string') found = v.status;
  return typeof output.status === 'string' ? output.status : found;
}

export function outcomeOf(workflow: string, output: unknown): { outcome?: string; issuance?: Issuance } {
  if (!isObject(output)) return {};
  if (workflow === 'registration') return registrationOutcome(output);
  const status = statusIn(output);
  return status ? { outcome: status } : {};
}
