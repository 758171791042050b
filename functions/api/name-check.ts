/**
 * The name check shared by the public check and the reservation: the pure naming rules, then the names
 * already held under the candidate's lock key (one read), compared by the domain.
 */

import type { EntityType } from '#domain/entity-types';
import { ValidationError } from '#domain/errors';
import { cstDate } from '#domain/legal-time';
import { loadDivisions, UnknownDivisionError } from '#domain/names/divisions';
import type { Finding } from '#domain/names/finding';
import { loadNamingCatalog, parseName } from '#domain/names/parse';
import { checkNameRules, compareWithExisting, type ExistingName, verdictOf } from '#domain/names/rules';
import type { NameLockKey } from '#domain/reservation';
import type { LockHolder, ReservationStore } from '#ports/reservations';

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

/** Findings against the names that hold the candidate's lock (identical names) . */
export function conflictsWith(
  rules: ReturnType<typeof applyRules>,
  division: string,
  holders: LockHolder[],
  now: Date,
): Finding[] {
  const catalog = loadNamingCatalog();
  const existing: ExistingName[] = holders.map((h) => ({
    name: h.name,
    status: h.kind === 'enterprise' ? 'registered' : 'reserved',
    // Parsed as the candidate is, in its authority's context, so a county short form splits the same way.
    parts: parseName(h.name, catalog, { authority: division }).parts,
    scope: rules.scope,
    ...(h.kind === 'enterprise' ? { creditCode: h.id } : {}),
  }));
  return compareWithExisting({ parts: rules.parts, scope: rules.scope }, existing, cstDate(now));
}

export async function checkName(
  name: string,
  division: string,
  store: ReservationStore,
  now: Date,
): Promise<NameCheck> {
  const rules = applyRules(name, division);
  const holders = await store.lockHolders([rules.key]);
  const findings = [...rules.findings, ...conflictsWith(rules, division, holders, now)];
  const { region, tradeName, industry, organizationForm } = rules.parts;
  return {
    name,
    verdict: verdictOf(findings),
    parts: { region, tradeName, industry, organizationForm },
    findings,
    ruleVersion: rules.ruleVersion,
    lock: rules.key,
  };
}
