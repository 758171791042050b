/**
 * The name check shared by the public check and the reservation: the pure naming rules, then one batch
 * read of the candidate's lock (identical names) and its index entries (similar names), compared by
 * the domain. Its cost does not depend on how many names exist (docs/decisions/0009).
 */
import type { EntityType } from '#domain/entity-types';
import { ValidationError } from '#domain/errors';
import { cstDate } from '#domain/legal-time';
import type { ExistingName } from '#domain/names/compare';
import { loadDivisions, UnknownDivisionError } from '#domain/names/divisions';
import type { Finding } from '#domain/names/finding';
import {
  type IndexMember,
  indexEntriesOf,
  memberOf,
  relevantMembers,
  toExisting,
} from '#domain/names/index-entries';
import { loadNamingCatalog, parseName } from '#domain/names/parse';
import { checkNameRules, compareWithExisting, verdictOf } from '#domain/names/rules';
import type { NameLockKey } from '#domain/reservation';
import type { Ports } from '#ports/ports';
import type { LockHolder } from '#ports/reservations';

export interface NameCheck {
  name: string;
  verdict: 'available' | 'similar' | 'unavailable';
  parts: {
    region: string | null;
    tradeName: string;
    industry: string | null;
    organizationForm: string | null;
  };
  findings: Finding[];
  ruleVersion: string;
  lock: NameLockKey;
}

export type RuleCheck = ReturnType<typeof applyRules>;

/** The pure part: structure and every rule that needs no other name. */
export function applyRules(name: string, division: string, entityType?: EntityType) {
  try {
    return checkNameRules(
      name,
      division,
      { catalog: loadNamingCatalog(), divisions: loadDivisions() },
      entityType ? { entityType } : {},
    );
  } catch (error) {
    if (error instanceof UnknownDivisionError) {
      throw new ValidationError('unknown division', [
        { path: 'body.division', message: `'${division}' is not a GB/T 2260 division code` },
      ]);
    }
    throw error;
  }
}

/**
 * A lock holder as an index member; locks written before trade names were recorded are parsed again. An
 * enterprise's former name (corrected) still holds its lock, as `changed` since the day it ended, so the
 * rules can say why it blocks: for a year, an identical name is refused (规定 第十七条).
 */
function holderAsMember(h: LockHolder, division: string): IndexMember {
  const changed = h.kind === 'enterprise' && h.status === 'changed';
  const status = changed ? 'changed' : h.kind === 'enterprise' ? 'registered' : 'reserved';
  const extra =
    h.kind === 'enterprise'
      ? { creditCode: h.id, ...(changed && h.endedOn ? { endedOn: h.endedOn } : {}) }
      : {};
  if (h.trade !== undefined) {
    return memberOf(
      h.id,
      h.name,
      {
        region: null,
        regionDivision: null,
        tradeName: h.trade,
        industry: h.industry ?? null,
        industryClass: h.industryClass ?? null,
        organizationForm: null,
      },
      status,
      extra,
    );
  }
  return memberOf(
    h.id,
    h.name,
    parseName(h.name, loadNamingCatalog(), { authority: division }).parts,
    status,
    extra,
  );
}

/** Findings against the names the store found: the lock's holders and the relevant index members. */
export function conflictsWith(
  rules: RuleCheck,
  division: string,
  found: { holders: LockHolder[]; members: IndexMember[] },
  now: Date,
): Finding[] {
  const holders = found.holders.map((h) => holderAsMember(h, division));
  // A name in the lock is in the index as well, under its own id when it is a changed one: say it once.
  const named = (m: IndexMember) => `${m.creditCode ?? m.id}|${m.name}|${m.status}`;
  const held = new Set(holders.map(named));
  const candidates = relevantMembers(rules.parts, [
    ...holders,
    ...found.members.filter((m) => !held.has(named(m))),
  ]);
  const existing: ExistingName[] = candidates.map((m) => toExisting(m, rules.scope));
  return compareWithExisting({ parts: rules.parts, scope: rules.scope }, existing, cstDate(now));
}

/** The public check (`POST /v1/names/check`), counted by its verdict. */
export async function checkName(
  ports: Pick<Ports, 'nameIndex' | 'clock' | 'metrics'>,
  name: string,
  division: string,
): Promise<NameCheck> {
  const now = ports.clock.now();
  const rules = applyRules(name, division);
  const found = await ports.nameIndex.lookup(rules.key, indexEntriesOf(rules.parts));
  const findings = [...rules.findings, ...conflictsWith(rules, division, found, now)];
  const { region, tradeName, industry, organizationForm } = rules.parts;
  const verdict = verdictOf(findings);
  ports.metrics.count('NameChecks', { verdict });
  return {
    name,
    verdict,
    parts: { region, tradeName, industry, organizationForm },
    findings,
    ruleVersion: rules.ruleVersion,
    lock: rules.key,
  };
}
