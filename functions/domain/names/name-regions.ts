/**
 * Where a name says where the enterprise is: the chain of regions it starts with (广东省深圳市南山区),
 * optionally followed by a zone (苏州工业园区), a region in parentheses after the trade name
 * (腾讯科技（深圳）), or a region written right after the industry without parentheses
 * (李尔汽车系统扬州). Zones qualify the region before them and never stand alone (规定 第七条).
 */
import type { NamingCatalog } from './catalog.ts';
import { type DivisionIndex, NATIONAL_AUTHORITY, type RegionMatch } from './divisions.ts';
import { isIndustryWording } from './segment.ts';

/** One way to read the start of a name as a region: how long it is and which divisions it names. */
export interface RegionOption {
  length: number;
  chain: string[];
  /** Abolished division names the option uses (章丘市), for the finding on new names. */
  abolished: string[];
  /** Set where the last member was given back to the trade name: the industry starts here, after it. */
  industryFrom?: number;
}

interface Step {
  length: number;
  code: string | null;
  codes: string[];
  abolished: string | null;
  countyShort: boolean;
}

/**
 * The readings of the start of `core` as a region (see withGiveBack); the caller weighs them against
 * the trade name they leave. A county's
 * short form starts a chain only where it belongs to the authority: 东方 is a city in Hainan, but 东方明珠
 * registered in Shanghai has no region. A zone word may follow a region, never start one.
 */
export function regionOptions(core: string, catalog: NamingCatalog, authority?: string): RegionOption[] {
  const divisions = catalog.divisions;
  const steps: Step[] = [];
  let length = 0;
  for (;;) {
    const previous = steps.at(-1);
    const eligible = (m: RegionMatch) =>
      previous
        ? previous.codes.some((p) => p !== m.code && divisions.isWithin(m.code, p))
        : !(m.short && m.level === 'county') ||
          (authority !== undefined && related(m.code, authority, divisions));
    let step: Step | undefined;
    for (const { word, value } of divisions.regions.prefixesAt(core, length)) {
      const matches = value.filter(eligible);
      if (matches.length === 0) continue;
      const abolished = matches.every((m) => m.abolished) ? word : null;
      const code = resolve(matches, divisions, authority);
      const countyShort = matches.every((m) => m.short && m.level === 'county');
      step = { length: word.length, code, codes: matches.map((m) => m.code), abolished, countyShort };
      break;
    }
    if (!step) break;
    steps.push(step);
    length += step.length;
  }
  const options = withGiveBack(steps, core, catalog);
  // 中国 at the start of a name stands where a region stands, for the State Council to approve (第十二条):
  // 中国平安保险 has the trade name 平安.
  if (steps.length === 0 && core.startsWith(NATIONAL_PREFIX) && core.length > NATIONAL_PREFIX.length)
    options.push({ length: NATIONAL_PREFIX.length, chain: [NATIONAL_AUTHORITY], abolished: [] });
  return options;
}

const NATIONAL_PREFIX = '中国';

/** Options whose region is the authority's own or unrelated to any authority given (for a name with a region in parentheses). */
export function relatedOptions(options: readonly RegionOption[], catalog: NamingCatalog, authority?: string) {
  if (authority === undefined) return [...options];
  return options.filter((o) => {
    const first = o.chain[0];
    return (
      first === undefined || first === NATIONAL_AUTHORITY || related(first, authority, catalog.divisions)
    );
  });
}

/**
 * The whole chain (and the chain with a zone after it), and the chain without its last member where that
 * member may belong to the trade name: when nothing but industry wording would be left after the chain
 * (深圳科技: the trade name is 深圳, and is refused as such), or when the member is a county's short form,
 * which is often an ordinary word (上海浦东发展银行, 广州白云山医药).
 */
function withGiveBack(steps: readonly Step[], core: string, catalog: NamingCatalog): RegionOption[] {
  const optionOf = (taken: readonly Step[]): RegionOption => ({
    length: taken.reduce((n, s) => n + s.length, 0),
    chain: taken.map((s) => s.code).filter((c): c is string => c !== null),
    abolished: taken.map((s) => s.abolished).filter((a): a is string => a !== null),
  });
  const full = optionOf(steps);
  const options = [full];
  const zone = full.length > 0 ? catalog.zones.prefixesAt(core, full.length)[0] : undefined;
  if (zone) options.push({ ...full, length: full.length + zone.word.length });
  const last = steps.at(-1);
  const rest = core.slice(full.length);
  if (last?.countyShort) options.push(optionOf(steps.slice(0, -1)));
  else if (last && (rest === '' || isIndustryWording(rest, catalog)))
    options.push({ ...optionOf(steps.slice(0, -1)), industryFrom: full.length });
  return options;
}

/** A region in parentheses (腾讯科技（深圳）), or （中国） of a foreign-invested enterprise, in `text`. */
export function parenthesizedRegion(text: string, catalog: NamingCatalog, authority?: string) {
  const close = text.lastIndexOf('）');
  const start = close < 0 ? -1 : text.lastIndexOf('（', close);
  if (start < 0) return null;
  const inner = text.slice(start + 1, close);
  const place = { start, end: close + 1, region: inner };
  if (inner === catalog.foreignInvestedMarker.word) return { ...place, code: NATIONAL_AUTHORITY };
  const matches = catalog.divisions.regions.get(inner);
  if (!matches) return null;
  return { ...place, code: resolve(matches, catalog.divisions, authority) };
}

/**
 * A region the text ends with, written without parentheses after the industry (力赛佳管道支架技术上海):
 * a province or prefecture, or a full county name. A county's short form is left out, because many
 * trade names end in one.
 */
export function trailingRegion(text: string, catalog: NamingCatalog, authority?: string) {
  for (const { word, value } of catalog.divisions.regions.suffixesOf(text)) {
    const matches = value.filter((m) => !m.short || m.level !== 'county');
    if (matches.length === 0 || word.length >= text.length) continue;
    return { region: word, code: resolve(matches, catalog.divisions, authority) };
  }
  return null;
}

/** Ancestor-or-self or descendant of the authority's division. */
function related(code: string, authority: string, divisions: DivisionIndex): boolean {
  return divisions.isWithin(authority, code) || divisions.isWithin(code, authority);
}

const DEPTH = { province: 0, prefecture: 1, county: 2 } as const;

/** The one division a region name means: the only candidate, or the deepest one related to the authority. */
function resolve(
  matches: readonly RegionMatch[],
  divisions: DivisionIndex,
  authority?: string,
): string | null {
  const codes = new Set(matches.map((m) => m.code));
  if (codes.size === 1) return matches[0]?.code ?? null;
  if (authority === undefined) return null;
  const near = matches.filter((m) => related(m.code, authority, divisions));
  near.sort((a, b) => DEPTH[b.level] - DEPTH[a.level]);
  return near[0]?.code ?? null;
}
