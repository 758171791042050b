/**
 * Splitting what lies between the region and the organization form into trade name and industry, as a
 * Chinese reader does. The industry may be a run of listed words (影视 + 文化传媒, 电气设备 + 制造), so a
 * phrase need not be listed to be read; generic words (国际, 实业, 企业) join the industry rather than the
 * trade name. Of all readings the one kept has an industry, then a trade name of two or more characters
 * (深圳市腾科技 keeps 腾 and is refused for it), then one that is neither industry wording nor a region
 * name, then the longest region, then the longest industry.
 */
import type { IndustryWord, NamingCatalog } from './catalog.ts';
import type { RegionOption } from './name-regions.ts';

export interface Industry {
  word: string;
  /** The listed word's class, or the classes of its words joined by `+`; null for generic words only. */
  class: string | null;
}

export interface Reading {
  region: RegionOption;
  tradeStart: number;
  industryStart: number;
  industry: Industry | null;
}

type Piece = { word: string; class: string | null };

/** The words `text` splits into, fewest first, listed industry words and generic words alike; null if none. */
export function industryPieces(text: string, catalog: NamingCatalog): Piece[] | null {
  const best: Array<Piece[] | null> = new Array(text.length + 1).fill(null);
  best[text.length] = [];
  for (let at = text.length - 1; at >= 0; at--) {
    const listed = catalog.industries
      .prefixesAt(text, at)
      .map((m) => ({ word: m.word, class: m.value.class }));
    const generic = catalog.notTradeNames.prefixesAt(text, at).map((m) => ({ word: m.word, class: null }));
    for (const piece of [...listed, ...generic]) {
      const rest = best[at + piece.word.length];
      if (rest && (!best[at] || (best[at]?.length ?? 0) > rest.length + 1)) best[at] = [piece, ...rest];
    }
  }
  return best[0] ?? null;
}

/** The industry `text` reads as: the listed phrase's class, else its words' classes. */
export function industryOf(text: string, catalog: NamingCatalog): Industry | null {
  const listed: IndustryWord | undefined = catalog.industries.get(text);
  if (listed) return { word: text, class: listed.class };
  const pieces = industryPieces(text, catalog);
  if (!pieces) return null;
  const classes = pieces.map((p) => p.class).filter((c): c is string => c !== null);
  return { word: text, class: classes.length > 0 ? classes.join('+') : null };
}

/** Industry wording or a generic word only: such a trade name is no trade name (第八条). */
export function isIndustryWording(text: string, catalog: NamingCatalog): boolean {
  return text !== '' && industryPieces(text, catalog) !== null;
}

/**
 * A region name that may not be a trade name: not a county's short form (those pass with a warning, see
 * rules.ts) and not a word with another meaning listed.
 */
function isRegionName(text: string, catalog: NamingCatalog): boolean {
  const matches = catalog.divisions.regions.get(text);
  if (!matches || catalog.otherMeaning.has(text)) return false;
  return !matches.every((m) => m.short && m.level === 'county');
}

/**
 * The best reading of `core` (the name without its organization form). `fixedIndustryStart` pins the
 * industry's start, as a region in parentheses does (糖友饱饱（杭州）健康食品).
 */
export function chooseReading(
  core: string,
  regions: readonly RegionOption[],
  catalog: NamingCatalog,
  fixedIndustryStart?: number,
): Reading {
  let best: { reading: Reading; score: number[] } | undefined;
  for (const region of regions) {
    const first = fixedIndustryStart ?? region.industryFrom ?? region.length;
    const last = fixedIndustryStart ?? region.industryFrom ?? core.length;
    for (let start = first; start <= last; start++) {
      if (start < region.length) continue;
      const text = core.slice(start);
      const industry = text === '' ? null : industryOf(text, catalog);
      if (text !== '' && !industry && fixedIndustryStart === undefined) continue;
      const trade = core.slice(region.length, start);
      const score = [
        text === '' ? 0 : 1,
        trade.length >= 2 ? 1 : 0,
        -(Number(isIndustryWording(trade, catalog)) + Number(isRegionName(trade, catalog))),
        region.length,
        text.length,
      ];
      const reading = {
        region,
        tradeStart: region.length,
        industryStart: start,
        industry: industry ?? (text === '' ? null : { word: text, class: null }),
      };
      if (!best || compare(score, best.score) > 0) best = { reading, score };
    }
  }
  return (
    best?.reading ?? {
      region: regions[0] ?? EMPTY,
      tradeStart: 0,
      industryStart: core.length,
      industry: null,
    }
  );
}

const EMPTY: RegionOption = { length: 0, chain: [], abolished: [] };

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
