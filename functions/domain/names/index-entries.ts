/**
 * Where a name stands in the name index, and the compact record it leaves there. The index answers a
 * check's three questions with one batch read whatever the number of names (docs/decisions/0009):
 *
 * - identical: the name lock (scope, trade-name key), see NameKey;
 * - homophones and containment: one entry per (scope, pair of neighbouring pinyin syllables of the
 *   trade name). Names that sound alike share all their pairs; a trade name inside another shares its
 *   pairs with it (the same characters read the same), so one family of entries finds both.
 *
 * Entries are capped (INDEX_ENTRY_CAP members), so a very common pair cannot make a check slow: the
 * check reports the most relevant conflicts it sees, which is what domain.md asks for.
 */
import type { ReservationRecord } from '../reservation.ts';
import type { ExistingName, ExistingStatus } from './compare.ts';
import { pinyinKey, toSimplified, tradeKey } from './normalize.ts';
import { loadNamingCatalog, type NameParts, parseName } from './parse.ts';
import { syllablePairs, syllablesOf } from './syllables.ts';

export const INDEX_ENTRY_CAP = 32;
/** The scope of the public search: every authority at once. */
export const ALL_SCOPES = '*';

export interface IndexEntries {
  /** Distinct pairs of neighbouring toneless syllables (`xing-he`); the one syllable of a one-character name. */
  pairs: string[];
}

/** A name as the index keeps it: enough to compare without parsing it again. */
export interface IndexMember {
  /** Reservation id or credit code: unique, so adding twice is adding once. */
  id: string;
  name: string;
  /** Simplified trade name. */
  trade: string;
  tradeKey: string;
  pinyin: string;
  industry: string | null;
  industryClass: string | null;
  status: ExistingStatus;
  creditCode?: string;
  endedOn?: string;
}

export function indexEntriesOf(parts: Pick<NameParts, 'tradeName'>): IndexEntries {
  return { pairs: syllablePairs(syllablesOf(parts.tradeName)) };
}

export function memberOf(
  id: string,
  name: string,
  parts: NameParts,
  status: ExistingStatus,
  extra: { creditCode?: string; endedOn?: string } = {},
): IndexMember {
  const trade = toSimplified(parts.tradeName);
  return {
    id,
    name,
    trade,
    tradeKey: tradeKey(trade),
    pinyin: pinyinKey(trade),
    industry: parts.industry,
    industryClass: parts.industryClass,
    status,
    ...extra,
  };
}

/**
 * The members worth comparing: same key, same pinyin, or one trade name inside the other. Plain string
 * tests on precomputed keys, so a check looks at a few hundred members in microseconds.
 */
export function relevantMembers(
  candidate: Pick<NameParts, 'tradeName'>,
  members: Iterable<IndexMember>,
): IndexMember[] {
  const trade = toSimplified(candidate.tradeName);
  const key = tradeKey(trade);
  const pinyin = pinyinKey(trade);
  const seen = new Map<string, IndexMember>();
  for (const m of members) {
    if (seen.has(m.id)) continue;
    if (m.tradeKey === key || m.pinyin === pinyin || m.trade.includes(trade) || trade.includes(m.trade))
      seen.set(m.id, m);
  }
  return [...seen.values()];
}

export function toExisting(member: IndexMember, scope: string): ExistingName {
  return {
    name: member.name,
    status: member.status,
    scope,
    ...(member.creditCode ? { creditCode: member.creditCode } : {}),
    ...(member.endedOn ? { endedOn: member.endedOn } : {}),
    parts: {
      region: null,
      regionDivision: null,
      tradeName: member.trade,
      industry: member.industry,
      industryClass: member.industryClass,
      organizationForm: null,
    },
  };
}

/** A reservation's place in the index (records made before trade names were stored are parsed again). */
export function reservationIndexing(r: ReservationRecord): { member: IndexMember; entries: IndexEntries } {
  const parts: NameParts =
    r.tradeName === undefined
      ? parseName(r.name, loadNamingCatalog(), { authority: r.division }).parts
      : {
          region: null,
          regionDivision: null,
          tradeName: r.tradeName,
          industry: r.industry,
          industryClass: r.lock.industryClass,
          organizationForm: null,
        };
  return { member: memberOf(r.id, r.name, parts, 'reserved'), entries: indexEntriesOf(parts) };
}

/**
 * An enterprise's former name after a correction: `changed` on `endedOn`, which keeps refusing an
 * identical name for a year (compare.ts `stillProtected`) while the public search no longer shows it. Its
 * id is its own (`<creditCode>~<reservationId>`, the reservation whose name replaced it): the current name
 * is the member under the bare credit code, and both may share an entry.
 */
export function asChanged(
  member: IndexMember,
  creditCode: string,
  replacedBy: string,
  endedOn: string,
): IndexMember {
  return { ...member, id: `${creditCode}~${replacedBy}`, status: 'changed', creditCode, endedOn };
}

/** The same name, now registered under the enterprise's credit code. */
export function asRegistered(member: IndexMember, creditCode: string): IndexMember {
  return { ...member, id: creditCode, status: 'registered', creditCode };
}
