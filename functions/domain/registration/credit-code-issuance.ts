/**
 * Issuing Unified Social Credit Codes (GB 32100-2015) for market regulation: authority code 9, the
 * entity-type code, the registration authority's division, and an organization code (GB 11714) drawn
 * from the range allocated to that authority (seeds/registration/code-ranges.json).
 *
 * The organization code must be unique nationwide, so each range owns blocks that no other range's
 * blocks start with (prefix-free): whatever sequences two ranges are at, their codes differ. Every
 * authority under one range shares that range's sequence: the store keeps one atomic counter per
 * range id and passes the next value here. Pure: the sequence comes in, the code goes out.
 */
import rangesSeed from '#seeds/registration/code-ranges.json' with { type: 'json' };
import { CREDIT_CODE_ALPHABET, composeCreditCode } from '../credit-code.ts';
import type { EntityType } from '../entity-types.ts';

/** A registration authority's range: its blocks are used in order, each fills the 6 characters after 'MA'. */
export interface AuthorityRange {
  /** The key of the range's sequence counter. */
  id: string;
  /** Division prefix of the authorities it serves ('4403': every Shenzhen authority). */
  scope: string;
  name: string;
  blocks: readonly string[];
}

export interface CodeRanges {
  version: string;
  prefix: string;
  ranges: readonly AuthorityRange[];
}

/** Market regulation's registration-authority code. */
const MARKET_REGULATION = '9';
/** Issued by market regulation since 2015: 'MA' and 6 characters make the 8-character body. */
const BODY_AFTER_PREFIX = 6;
const BASE = BigInt(CREDIT_CODE_ALPHABET.length);

/** GB 32100 entity-type codes under authority 9: 1 enterprise, 2 individual business, 3 farmer cooperative. */
export function entityTypeCode(entityType: EntityType): '1' | '2' | '3' {
  if (entityType === 'individual_business') return '2';
  if (entityType === 'farmer_cooperative') return '3';
  return '1';
}

/**
 * The range has no code left for this sequence: operators must allocate a further block. Not a
 * DomainError: it is the registry's shortfall, never the applicant's, and must not read as a 4xx.
 */
export class CodeRangeExhaustedError extends Error {
  constructor(
    readonly rangeId: string,
    readonly capacity: number,
    readonly sequence: number,
  ) {
    super(`credit code range ${rangeId} is exhausted: sequence ${sequence} beyond its ${capacity} codes`);
    this.name = 'CodeRangeExhaustedError';
  }
}

/** No range serves the division: the allocation in seeds/registration/code-ranges.json has a gap. */
export class NoCodeRangeError extends Error {
  constructor(readonly division: string) {
    super(`no credit code range serves division ${division}`);
    this.name = 'NoCodeRangeError';
  }
}

function capacityOf(block: string): bigint {
  return BASE ** BigInt(BODY_AFTER_PREFIX - block.length);
}

/** How many codes a range can issue. */
export function rangeCapacity(range: AuthorityRange): number {
  return Number(range.blocks.reduce((sum, b) => sum + capacityOf(b), 0n));
}

/** The 8-character organization body for a range's `sequence` (0-based): 'MA', the block, the sequence in base 31. */
export function organizationBodyFor(range: AuthorityRange, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0)
    throw new RangeError(`sequence must be a non-negative whole number, got ${sequence}`);
  let rest = BigInt(sequence);
  for (const block of range.blocks) {
    const capacity = capacityOf(block);
    if (rest < capacity) {
      let digits = '';
      for (let i = block.length; i < BODY_AFTER_PREFIX; i++) {
        digits = CREDIT_CODE_ALPHABET[Number(rest % BASE)] + digits;
        rest /= BASE;
      }
      return `MA${block}${digits}`;
    }
    rest -= capacity;
  }
  throw new CodeRangeExhaustedError(range.id, rangeCapacity(range), sequence);
}

/** The range of the most specific scope that covers the division. */
export function rangeFor(division: string, ranges: readonly AuthorityRange[]): AuthorityRange {
  let best: AuthorityRange | undefined;
  for (const r of ranges)
    if (division.startsWith(r.scope) && (!best || r.scope.length > best.scope.length)) best = r;
  if (!best) throw new NoCodeRangeError(division);
  return best;
}

/** Checks an allocation: symbols of the alphabet, unique scopes, and blocks that no other block starts. */
export function checkCodeRanges(ranges: readonly AuthorityRange[]): void {
  const scopes = new Set<string>();
  const blocks: Array<[string, string]> = [];
  for (const r of ranges) {
    if (!/^\d{2,6}$/.test(r.scope)) throw new Error(`code range ${r.id}: bad scope ${r.scope}`);
    if (scopes.has(r.scope)) throw new Error(`code range ${r.id}: scope ${r.scope} allocated twice`);
    scopes.add(r.scope);
    if (r.blocks.length === 0) throw new Error(`code range ${r.id}: no blocks`);
    for (const b of r.blocks) {
      if (
        b.length < 1 ||
        b.length >= BODY_AFTER_PREFIX ||
        [...b].some((c) => !CREDIT_CODE_ALPHABET.includes(c))
      )
        throw new Error(`code range ${r.id}: bad block ${b}`);
      blocks.push([b, r.id]);
    }
  }
  for (const [a, ra] of blocks)
    for (const [b, rb] of blocks)
      if (a !== b && b.startsWith(a))
        throw new Error(`code ranges overlap: block ${a} (${ra}) contains ${b} (${rb})`);
  const seen = new Set<string>();
  for (const [b, r] of blocks) {
    if (seen.has(b)) throw new Error(`code ranges overlap: block ${b} allocated twice (${r})`);
    seen.add(b);
  }
}

let loaded: CodeRanges | undefined;

/** The allocation of the committed seed, checked on first use and kept for the process. */
export function loadCodeRanges(): CodeRanges {
  if (!loaded) {
    checkCodeRanges(rangesSeed.ranges);
    loaded = rangesSeed;
  }
  return loaded;
}

export interface IssueRequest {
  entityType: EntityType;
  /** The registration authority's 6-digit division code. */
  authorityDivision: string;
  /** The next value of the counter of `rangeFor(authorityDivision).id`. */
  sequence: number;
  ranges?: readonly AuthorityRange[];
}

/** The credit code for one sequence value of the authority's range; it validates with `checkCreditCode`. */
export function issueCreditCode({ entityType, authorityDivision, sequence, ranges }: IssueRequest): string {
  if (!/^\d{6}$/.test(authorityDivision))
    throw new RangeError(`'${authorityDivision}' is not a 6-digit division code`);
  const range = rangeFor(authorityDivision, ranges ?? loadCodeRanges().ranges);
  return composeCreditCode({
    authorityCode: MARKET_REGULATION,
    entityTypeCode: entityTypeCode(entityType),
    division: authorityDivision,
    organizationBody: organizationBodyFor(range, sequence),
  });
}
