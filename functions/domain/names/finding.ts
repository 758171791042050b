/**
 * A finding: one rule's say about a proposed enterprise name, in the shape the public API returns
 * (api.md, "Names"). `block` stops the name, `warn` lets the applicant go on while the examiner sees
 * it, `info` only explains.
 */
export type Severity = 'block' | 'warn' | 'info';

export type Verdict = 'unavailable' | 'similar' | 'available';

export interface Finding {
  /** Stable id (`name.prohibited.gambling`): clients and decisions key on it, so never rename one. */
  rule: string;
  severity: Severity;
  message: string;
  messageEn: string;
  /** The legal provision the rule applies. */
  basis: string;
  /** The existing name the candidate collides with, for the comparison rules. */
  conflictsWith?: { name: string; status: string; creditCode?: string };
}

/** `unavailable` if anything blocks, else `similar` if anything warns, else `available`. */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'block')) return 'unavailable';
  if (findings.some((f) => f.severity === 'warn')) return 'similar';
  return 'available';
}

/** A finding without a conflict; `text` is the Chinese message and its English twin. */
export function newFinding(rule: string, severity: Severity, text: [string, string], basis: string): Finding {
  return { rule, severity, message: text[0], messageEn: text[1], basis };
}

const RANK: Record<Severity, number> = { block: 0, warn: 1, info: 2 };

/** Blocks first, then warnings, then information; the order within each kept. */
export function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}
