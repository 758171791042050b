/**
 * Administrative divisions (GB/T 2260) as the naming rules need them: each code's place in the
 * hierarchy, the names and short forms a region is written with, and the scope of a registration
 * authority. Built once from the committed seed (scripts/seed-divisions.ts generates it).
 */
import abolishedSeed from '#seeds/divisions/abolished.json' with { type: 'json' };
import seed from '#seeds/divisions/divisions.json' with { type: 'json' };
import { ValidationError } from '../errors.ts';
import { Lexicon } from './lexicon.ts';
import { shortFormOf } from './region-names.ts';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parent: string | null;
}

/** The seed as JSON gives it: `level` is only a string until checked. */
export interface DivisionSeed {
  version: string;
  divisions: ReadonlyArray<{ code: string; name: string; level: string; parent: string | null }>;
}

/** Divisions abolished or renamed (章丘市 → 章丘区): names given before still read with them. */
export interface AbolishedSeed {
  version: string;
  divisions: ReadonlyArray<{ name: string; code: string; successor: string; until: string }>;
}

/** One way a region can be written: which division, and whether it is the full name or a short form. */
export interface RegionMatch {
  code: string;
  level: DivisionLevel;
  short: boolean;
  /** Set on a name of an abolished division: `code` is then its successor's. */
  abolished?: true;
}

/** The State Administration for Market Regulation: it registers nationwide, under no division. */
export const NATIONAL_AUTHORITY = '100000';

const LEVELS: ReadonlySet<string> = new Set<DivisionLevel>(['province', 'prefecture', 'county']);

export class UnknownDivisionError extends ValidationError {
  constructor(public readonly division: string) {
    super(`unknown division ${division}`, [
      { path: 'division', message: `${division} is not a GB/T 2260 division code` },
    ]);
  }
}

export class DivisionIndex {
  /** Every region name and short form, for longest-match scanning of a name's beginning. */
  readonly regions: Lexicon<readonly RegionMatch[]>;
  private readonly byCode: ReadonlyMap<string, Division>;
  private readonly municipalities: ReadonlySet<string>;
  private readonly names: ReadonlyMap<string, readonly string[]>;
  /** Abolished division name → its successor's code. */
  readonly abolished: ReadonlyMap<string, string>;

  private constructor(
    readonly version: string,
    divisions: readonly Division[],
    abolished: AbolishedSeed['divisions'] = [],
  ) {
    this.byCode = new Map(divisions.map((d) => [d.code, d]));
    // A municipality is the province-level division that has counties but no prefectures under it,
    // read from the data rather than listed, so the four (北京, 天津, 上海, 重庆) cannot drift.
    const withPrefectures = new Set(divisions.filter((d) => d.level === 'prefecture').map((d) => d.parent));
    this.municipalities = new Set(
      divisions.filter((d) => d.level === 'province' && !withPrefectures.has(d.code)).map((d) => d.code),
    );
    const regionNames = buildRegionNames(divisions);
    this.abolished = new Map(abolished.map((a) => [a.name, a.successor]));
    regionNames.push(...abolishedNames(abolished, this.byCode, new Set(regionNames.map(([n]) => n))));
    this.regions = new Lexicon(regionNames);
    this.names = new Map(
      regionNames.map(([name, matches]) => [name, [...new Set(matches.map((m) => m.code))]]),
    );
  }

  static fromSeed(json: DivisionSeed, abolished?: AbolishedSeed): DivisionIndex {
    const divisions = json.divisions.map((d): Division => {
      if (!/^\d{6}$/.test(d.code) || !LEVELS.has(d.level))
        throw new Error(`bad division seed entry ${d.code}`);
      return { code: d.code, name: d.name, level: d.level as DivisionLevel, parent: d.parent };
    });
    for (const a of abolished?.divisions ?? []) {
      if (!divisions.some((d) => d.code === a.successor))
        throw new Error(`abolished ${a.name}: unknown successor ${a.successor}`);
    }
    return new DivisionIndex(json.version, divisions, abolished?.divisions);
  }

  get(code: string): Division | undefined {
    return this.byCode.get(code);
  }

  /** Every region name and short form, mapped to the divisions it may stand for (鼓楼区 stands for four). */
  regionNames(): ReadonlyMap<string, readonly string[]> {
    return this.names;
  }

  isMunicipality(code: string): boolean {
    return this.municipalities.has(code);
  }

  /** True when `code` is `ancestor` or lies under it. */
  isWithin(code: string, ancestor: string): boolean {
    for (let d = this.byCode.get(code); d; d = d.parent ? this.byCode.get(d.parent) : undefined) {
      if (d.code === ancestor) return true;
    }
    return false;
  }

  /** The districts (市辖区) of a city: the rules want the city's name in front of a district's. */
  isCityDistrict(code: string): boolean {
    const d = this.byCode.get(code);
    if (d?.level !== 'county' || !d.name.endsWith('区') || /[林特]区$/.test(d.name) || !d.parent)
      return false;
    const parent = this.byCode.get(d.parent);
    return (
      parent !== undefined &&
      (parent.level === 'prefecture' ? parent.name.endsWith('市') : this.isMunicipality(parent.code))
    );
  }
}

/**
 * Full names and short forms. A county's short form counts only where it is unambiguous among its
 * siblings and differs from its parent's names: two counties of one prefecture that shorten alike
 * would make the short form point at either.
 */
function buildRegionNames(divisions: readonly Division[]): Array<[string, RegionMatch[]]> {
  const names = new Map<string, RegionMatch[]>();
  const add = (name: string, d: Division, short: boolean) => {
    const list = names.get(name) ?? [];
    list.push({ code: d.code, level: d.level, short });
    names.set(name, list);
  };
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const siblingsShortForms = new Map<string, Map<string, number>>();
  for (const d of divisions) {
    const short = d.level === 'county' ? shortFormOf(d.name) : null;
    if (!short || !d.parent) continue;
    const counts = siblingsShortForms.get(d.parent) ?? new Map<string, number>();
    counts.set(short, (counts.get(short) ?? 0) + 1);
    siblingsShortForms.set(d.parent, counts);
  }
  for (const d of divisions) {
    add(d.name, d, false);
    const short = shortFormOf(d.name);
    if (!short) continue;
    if (d.level === 'county' && d.parent) {
      const parent = byCode.get(d.parent);
      const ambiguous = (siblingsShortForms.get(d.parent)?.get(short) ?? 0) > 1;
      if (ambiguous || short === parent?.name || short === shortFormOf(parent?.name ?? '')) continue;
    }
    add(short, d, true);
  }
  return [...names];
}

/**
 * The names of abolished divisions, standing for their successors. A short form is added only where no
 * current division is written so (章丘 already names 章丘区), so that a current reading always wins.
 */
function abolishedNames(
  abolished: AbolishedSeed['divisions'],
  byCode: ReadonlyMap<string, Division>,
  current: ReadonlySet<string>,
): Array<[string, RegionMatch[]]> {
  const out: Array<[string, RegionMatch[]]> = [];
  for (const a of abolished) {
    const successor = byCode.get(a.successor);
    if (!successor) continue;
    const match = { code: successor.code, level: successor.level, abolished: true } as const;
    if (!current.has(a.name)) out.push([a.name, [{ ...match, short: false }]]);
    const short = shortFormOf(a.name);
    if (short && !current.has(short)) out.push([short, [{ ...match, short: true }]]);
  }
  return out;
}

/**
 * The scope of a registration authority: the set of authorities whose names count as one for the
 * identical-name rule (企业名称登记管理规定 第十七条 "同一企业登记机关"; domain.md "Scope").
 *
 * - All authorities of one prefecture-level city are one scope, named by the prefecture's code:
 *   440305 (南山区) → 440300 (深圳市), and 440300 itself → 440300.
 * - A municipality directly under the central government is one scope: any 11xxxx → 110000.
 * - A provincial authority is a scope of its own: 440000 → 440000.
 * - The national authority is a scope of its own: 100000 → 100000.
 * - A county-level city directly under a province (仙桃 429004, 济源 419001) belongs to no prefecture;
 *   its authority works at prefecture level, so it is a scope of its own.
 *
 * Throws UnknownDivisionError for a code that is not in the division seed.
 */
export function authorityScope(division: string, index: DivisionIndex): string {
  if (division === NATIONAL_AUTHORITY) return NATIONAL_AUTHORITY;
  const d = index.get(division);
  if (!d) throw new UnknownDivisionError(division);
  if (d.level !== 'county' || !d.parent) return d.code;
  const parent = index.get(d.parent);
  if (parent?.level === 'prefecture' || index.isMunicipality(d.parent)) return d.parent;
  return d.code;
}

let loaded: DivisionIndex | undefined;

/** The division index of the committed seed, built on first use and kept for the process. */
export function loadDivisions(): DivisionIndex {
  loaded ??= DivisionIndex.fromSeed(seed, abolishedSeed);
  return loaded;
}
