/**
 * The commitment (全体投资人承诺, 市场主体登记管理条例 第三十三条): every investor on record signs it, and
 * each signatory is an investor on record. Names are matched as written after NFKC, so a name typed with
 * full-width letters or brackets (ＺＨＡＮＧ　Ｗｅｉ, 李（小）明) is the name on record; where both sides
 * carry a verified identity (`idHash`) it decides, so a namesake cannot sign for an investor.
 *
 * Who may file: the enterprise's owner (domain/caller.ts `owns`) or an investor whose verified identity
 * is on record; always an applicant, never a clerk, since a clerk acts for a person and never is one.
 */
import { type Caller, type Owned, owns } from '../caller.ts';
import type { InvestorKind } from '../registration/types.ts';
import { type DeregistrationRules, loadDeregistrationRules, type Reason, reasonOf } from './rules.ts';

/** An investor as the registry has it on record. */
export interface InvestorOnRecord {
  name: string;
  /** SHA-256 of the resident identity number, where the investor is a natural person with one on record. */
  idHash?: string | undefined;
  kind: InvestorKind;
}

export interface Signatory {
  name: string;
  /** Present where the signer's identity was verified (the filer's own token). */
  idHash?: string | undefined;
}

export interface SignatoryMatch {
  complete: boolean;
  /** Investors on record who did not sign, as their names are on record. */
  missing: string[];
  /** Signatories who match no investor on record, as they signed. */
  unknown: string[];
}

/** The form names are compared in: compatibility characters folded, outer spaces dropped. */
export const normalizeName = (name: string): string => name.normalize('NFKC').trim();

const sameName = (s: Signatory, i: InvestorOnRecord) => normalizeName(s.name) === normalizeName(i.name);
const sameHash = (s: Signatory, i: InvestorOnRecord) =>
  Boolean(s.idHash && i.idHash && s.idHash === i.idHash);
const hashesAgree = (s: Signatory, i: InvestorOnRecord) => !(s.idHash && i.idHash) || s.idHash === i.idHash;

/**
 * Pairs each signatory with at most one investor, most certain pairs first: a verified identity with its
 * own record; then verified signers with namesakes on record without an identity, before names alone,
 * because a verified signer can pair only with those while an unverified one may pair with any namesake.
 * Nobody signing is never complete, even for a record that lists no investor.
 */
export function matchSignatories(
  investors: readonly InvestorOnRecord[],
  signatories: readonly Signatory[],
): SignatoryMatch {
  const taken = new Set<number>();
  const signed = new Set<number>();
  const pass = (fits: (s: Signatory, i: InvestorOnRecord) => boolean, who: (s: Signatory) => boolean) => {
    signatories.forEach((s, si) => {
      if (signed.has(si) || !who(s)) return;
      const ii = investors.findIndex((i, k) => !taken.has(k) && sameName(s, i) && fits(s, i));
      if (ii < 0) return;
      taken.add(ii);
      signed.add(si);
    });
  };
  pass(sameHash, (s) => Boolean(s.idHash));
  pass(
    (_, i) => !i.idHash,
    (s) => Boolean(s.idHash),
  );
  pass(hashesAgree, (s) => !s.idHash);
  const missing = investors.filter((_, k) => !taken.has(k)).map((i) => i.name);
  const unknown = signatories.filter((_, k) => !signed.has(k)).map((s) => s.name);
  return { complete: signed.size > 0 && missing.length === 0 && unknown.length === 0, missing, unknown };
}

/**
 * The signatories of a filing: its names, the filer's verified identity attached to the name of the
 * investor on record that identity belongs to, so that one signature is verified, not merely named.
 */
export function signatoriesOf(
  names: readonly string[],
  investors: readonly InvestorOnRecord[],
  filerIdHash?: string,
): Signatory[] {
  const filer = filerIdHash ? investors.find((i) => i.idHash === filerIdHash) : undefined;
  let attached = false;
  return names.map((name) => {
    if (!filer || attached || normalizeName(name) !== normalizeName(filer.name)) return { name };
    attached = true;
    return { name, idHash: filerIdHash };
  });
}

/** The reasons a commitment is refused with: who is missing, who is unknown (every one at once). */
export function commitmentReasons(
  match: SignatoryMatch,
  rules: DeregistrationRules = loadDeregistrationRules(),
): Reason[] {
  const reasons: Reason[] = [];
  if (match.missing.length) reasons.push(reasonOf(rules, 'signatory-missing', { names: match.missing }));
  if (match.unknown.length) reasons.push(reasonOf(rules, 'signatory-unknown', { names: match.unknown }));
  return reasons;
}

/**
 * Whether the caller may file the enterprise's deregistration: its owner, or an investor on record by
 * verified identity. Only applicants: a clerk's token may carry a hash, but the clerk files for others.
 */
export function mayFile(caller: Caller, enterprise: Owned, investors: readonly InvestorOnRecord[]): boolean {
  if (caller.role !== 'applicant') return false;
  if (owns(caller, enterprise)) return true;
  return Boolean(caller.idHash && investors.some((i) => i.idHash === caller.idHash));
}
