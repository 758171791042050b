/**
 * Comparing a proposed name with existing ones (企业名称登记管理规定 第十七条). The store hands over
 * the candidates it found; the decision of what collides is made here, so that the rule is pure,
 * tested, and the same for the check route, the reservation and the workflow's re-check.
 */
import { cstDate, parseDuration, periodEnd } from '../legal-time.ts';
import type { Finding } from './finding.ts';
import { pinyinKey, toSimplified, tradeKey } from './normalize.ts';
import type { NameParts } from './parse.ts';

export type ExistingStatus = 'registered' | 'reserved' | 'deregistered' | 'changed' | 'revoked';

export interface ExistingName {
  name: string;
  status: ExistingStatus;
  /** ISO date (YYYY-MM-DD, Beijing) on which a deregistered, changed or revoked name ended. */
  endedOn?: string;
  creditCode?: string;
  parts: NameParts;
  scope: string;
}

const IDENTICAL = '《企业名称登记管理规定》第十七条';
/** 避免混淆: the similar-name warnings let the examiner weigh what the identical rule does not catch. */
const SIMILAR = '《企业名称登记管理规定实施办法》第三条第二款';
const PROTECTION = parseDuration('P1Y');
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const STATUS: Record<ExistingStatus, [string, string]> = {
  registered: ['已登记', 'registered'],
  reserved: ['保留期内', 'reserved'],
  deregistered: ['注销未满一年', 'deregistered less than a year ago'],
  changed: ['变更未满一年', 'changed less than a year ago'],
  revoked: ['被撤销未满一年', 'revoked less than a year ago'],
};
const STATUS_RANK: Record<ExistingStatus, number> = {
  registered: 0,
  reserved: 1,
  deregistered: 2,
  changed: 2,
  revoked: 2,
};

type Kind = 'identical' | 'industry' | 'reordered' | 'homophone' | 'contains';
const KIND_RANK: Record<Kind, number> = {
  identical: 0,
  industry: 1,
  reordered: 2,
  homophone: 3,
  contains: 4,
};

/**
 * Whether an existing name still counts. Registered and reserved names do; an ended one for a year
 * after it ended, counted as legal periods are (the year starts the next day and runs to 24:00 of
 * the same date a year on), so on that anniversary it still counts and the day after it does not.
 * An ended name without its date counts: better a refusal the examiner can lift than a duplicate.
 */
export function stillProtected(existing: ExistingName, today: string): boolean {
  if (existing.status === 'registered' || existing.status === 'reserved') return true;
  if (existing.endedOn === undefined) return true;
  if (!DATE.test(existing.endedOn)) throw new RangeError(`endedOn '${existing.endedOn}' is not YYYY-MM-DD`);
  const end = periodEnd(new Date(`${existing.endedOn}T00:00:00+08:00`), PROTECTION);
  return today <= cstDate(new Date(end.getTime() - 1));
}

/**
 * Industries are compatible when they are one class (房地产 and 置业 are), or when either name has
 * no industry: a name without one competes with every industry of its trade name (第十七条).
 */
function compatibleIndustries(a: NameParts, b: NameParts): boolean {
  return a.industryClass === null || b.industryClass === null || a.industryClass === b.industryClass;
}

/**
 * One industry wording inside the other (科技 in 信息科技 and 云科技): different classes, but the same
 * trade name beside them may still be taken for the same enterprise.
 */
function overlappingIndustries(a: NameParts, b: NameParts): boolean {
  if (a.industry === null || b.industry === null) return false;
  const x = toSimplified(a.industry);
  const y = toSimplified(b.industry);
  return x.includes(y) || y.includes(x);
}

/** The kind of collision of two simplified trade names whose industries are compatible, if any. */
function kindOf(mine: { key: string; pinyin: string; simplified: string }, theirs: string): Kind | null {
  if (theirs === mine.simplified) return 'identical';
  if (tradeKey(theirs) === mine.key) return 'reordered';
  if (pinyinKey(theirs) === mine.pinyin) return 'homophone';
  if (theirs.includes(mine.simplified) || mine.simplified.includes(theirs)) return 'contains';
  return null;
}

/**
 * The findings of a candidate against existing names, most relevant first and at most `limit`:
 * - identical (block, `name.identical`): same scope, same simplified trade name (so also one written in
 *   traditional form), compatible industries, and the existing name still protected. Region and
 *   organization form play no part, so changing only those changes nothing.
 * - industry (warn, `name.similar.industry`): the same trade name where one industry wording contains
 *   the other (鑫磊科技 beside 鑫磊信息科技).
 * - reordered (warn, `name.similar.reordered`): the same characters in another order (翠鸣 / 鸣翠), which
 *   the rules do not name as identical.
 * - homophone (warn, `name.similar.homophone`): same pinyin without tones, compatible industries.
 * - contains (warn, `name.similar.contains`): one simplified trade name inside the other, compatible industries.
 * Each existing name gives at most its strongest finding.
 */
export function compareWithExisting(
  candidate: { parts: NameParts; scope: string },
  existing: readonly ExistingName[],
  today: string,
  limit = 10,
): Finding[] {
  if (!DATE.test(today)) throw new RangeError(`today '${today}' is not YYYY-MM-DD`);
  const own = candidate.parts.tradeName;
  if (own === '' || limit <= 0) return [];
  const mine = { key: tradeKey(own), pinyin: pinyinKey(own), simplified: toSimplified(own) };
  const hits: Array<{ kind: Kind; other: ExistingName }> = [];
  for (const other of existing) {
    if (other.scope !== candidate.scope || other.parts.tradeName === '') continue;
    if (!stillProtected(other, today)) continue;
    const theirs = toSimplified(other.parts.tradeName);
    let kind: Kind | null = null;
    if (compatibleIndustries(candidate.parts, other.parts)) kind = kindOf(mine, theirs);
    else if (overlappingIndustries(candidate.parts, other.parts) && tradeKey(theirs) === mine.key)
      kind = 'industry';
    if (kind) hits.push({ kind, other });
  }
  hits.sort(
    (a, b) =>
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      STATUS_RANK[a.other.status] - STATUS_RANK[b.other.status] ||
      a.other.name.localeCompare(b.other.name),
  );
  return hits.slice(0, limit).map(({ kind, other }) => toFinding(kind, other, mine.simplified));
}

function toFinding(kind: Kind, other: ExistingName, mine: string): Finding {
  const [statusZh, statusEn] = STATUS[other.status];
  const conflictsWith = {
    name: other.name,
    status: other.status,
    ...(other.creditCode ? { creditCode: other.creditCode } : {}),
  };
  const theirs = other.parts.tradeName;
  if (kind === 'identical') {
    return {
      rule: 'name.identical',
      severity: 'block',
      message: `字号与${statusZh}的企业名称“${other.name}”相同：同一登记机关内同行业或不含行业表述的字号不得相同`,
      messageEn: `The trade name is identical to that of the ${statusEn} name "${other.name}" under the same registration authority and industry`,
      basis: IDENTICAL,
      conflictsWith,
    };
  }
  if (kind === 'industry' || kind === 'reordered') {
    const [zh, en] =
      kind === 'industry'
        ? [
            '字号相同，且行业表述相互包含',
            'has the same trade name, and one industry wording contains the other',
          ]
        : [
            `字号“${mine}”与“${theirs}”仅字序不同`,
            `has a trade name with the same characters in another order`,
          ];
    return {
      rule: `name.similar.${kind}`,
      severity: 'warn',
      message: `与${statusZh}的企业名称“${other.name}”${zh}，可能引起混淆`,
      messageEn: `The name ${en} as the ${statusEn} name "${other.name}" and may be confused with it`,
      basis: SIMILAR,
      conflictsWith,
    };
  }
  if (kind === 'homophone') {
    return {
      rule: 'name.similar.homophone',
      severity: 'warn',
      message: `字号与${statusZh}的企业名称“${other.name}”读音相同，可能引起混淆`,
      messageEn: `The trade name sounds the same as that of the ${statusEn} name "${other.name}" and may be confused with it`,
      basis: SIMILAR,
      conflictsWith,
    };
  }
  return {
    rule: 'name.similar.contains',
    severity: 'warn',
    message: `字号与${statusZh}的企业名称“${other.name}”的字号相互包含，可能引起混淆`,
    messageEn: `The trade name contains, or is contained in, that of the ${statusEn} name "${other.name}" and may be confused with it`,
    basis: SIMILAR,
    conflictsWith,
  };
}
