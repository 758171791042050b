/**
 * Reading an enterprise name into its parts: region + trade name + industry + organization form
 * (企业名称登记管理规定 第六条). The name is read from both ends, because the ends are what the
 * word lists know: the organization form is the longest known suffix, the industry the longest
 * known word before it, the region the longest chain of known regions at the start (or a region in
 * parentheses after the trade name); the trade name is what remains.
 */
import { loadNamingCatalog, type NamingCatalog } from './catalog.ts';
import { type DivisionIndex, NATIONAL_AUTHORITY, type RegionMatch } from './divisions.ts';
import { type Finding, newFinding } from './finding.ts';
import { normalizeName, toSimplified } from './normalize.ts';

export { type EntityType, loadNamingCatalog, NamingCatalog } from './catalog.ts';
export type { Finding } from './finding.ts';

const STRUCTURE = '《企业名称登记管理规定》第六条';
const CHARACTERS = '《企业名称登记管理规定》第五条';
const TRADE_NAME = '《企业名称登记管理规定》第八条';
const FORM = '《企业名称登记管理规定》第十条';

/** The parts of a name, in simplified characters (the form names are compared in). */
export interface NameParts {
  region: string | null;
  /** The division the region stands for; null when the region could mean several. */
  regionDivision: string | null;
  tradeName: string;
  industry: string | null;
  industryClass: string | null;
  organizationForm: string | null;
}

export interface ParsedName {
  /** The name with widths, spaces and parentheses normalized, in the characters the applicant wrote. */
  normalized: string;
  /** `normalized` in simplified characters: every part and position refers to this text. */
  simplified: string;
  parts: NameParts;
  /** The divisions of the region, outermost first (广东深圳 → 440000, 440300). */
  regionChain: string[];
  /** Where the industry starts in `simplified`; -1 without an industry. */
  industryAt: number;
  findings: Finding[];
}

/** The registration authority's division: it settles which of several same-named regions is meant. */
export interface ParseContext {
  authority?: string;
}

const NOT_HAN = /[^\p{Script=Han}（）]/gu;
const HAN = /\p{Script=Han}/gu;
/** Characters OpenCC simplifies although they are standard in their own right (乾县, 乾坤). */
const STANDARD_AS_WRITTEN = new Set(['乾']);

export function parseName(
  name: string,
  catalog: NamingCatalog = loadNamingCatalog(),
  context: ParseContext = {},
): ParsedName {
  const normalized = normalizeName(name);
  const text = toSimplified(normalized);
  const divisions = catalog.divisions;
  const findings = characterFindings(normalized, text);

  const form = catalog.organizationForms.suffixesOf(text)[0];
  let end = text.length - (form?.word.length ?? 0);
  let paren = parenthesizedRegion(text, end, catalog, context.authority);
  if (paren) end = paren.start;

  // The longest industry word that still leaves a trade name of two characters after the region (青云科技:
  // 青云 + 科技, not 青 + 云科技); failing that, one that leaves any trade name; failing that, the longest.
  const industries = catalog.industries.suffixesOf(text.slice(0, end));
  const regionLength = regionPrefix(text.slice(0, end), divisions, context.authority).length;
  const room = (i: { word: string }) => end - regionLength - i.word.length;
  const industry =
    industries.find((i) => room(i) >= 2) ??
    industries.find((i) => room(i) >= 1 || i.word.length < end) ??
    industries[0];
  const industryEnd = end;
  if (industry) {
    end -= industry.word.length;
    // 中国/中华/全国/国家 in the middle of a name may only qualify the industry: read it as part of it.
    const qualifier = catalog.restricted
      .suffixesOf(text.slice(0, end))
      .find((q) => q.value.qualifiesIndustry && q.word.length < end);
    if (qualifier) end -= qualifier.word.length;
  }
  const industryAt = industry ? end : -1;
  if (!paren) {
    paren = parenthesizedRegion(text, end, catalog, context.authority);
    if (paren) end = paren.start;
  }

  const prefix = regionPrefix(text.slice(0, end), divisions, context.authority);
  const tradeName = text.slice(prefix.length, end);
  const byPrefix = prefix.length > 0;
  const region = byPrefix ? text.slice(0, prefix.length) : (paren?.region ?? null);
  const regionDivision = byPrefix ? (prefix.chain.at(-1) ?? null) : (paren?.code ?? null);
  const regionChain = byPrefix ? prefix.chain : paren?.code ? [paren.code] : [];
  const parts: NameParts = {
    region,
    regionDivision,
    tradeName,
    industry: industry ? text.slice(industryAt, industryEnd) : null,
    industryClass: industry?.value.class ?? null,
    organizationForm: form?.word ?? null,
  };

  if (!form) findings.push(formMissing(text));
  else if (form.value.incomplete) {
    const msg: [string, string] = [
      `组织形式“${form.word}”不完整：${form.value.incomplete}`,
      `The organization form "${form.word}" is incomplete: it ${form.value.incompleteEn ?? 'lacks a required part'}`,
    ];
    findings.push(newFinding('name.structure.organization-form-incomplete', 'block', msg, form.value.basis));
  }
  findings.push(...tradeNameShape(tradeName));
  if (byPrefix && paren) {
    const msg: [string, string] = [
      '名称中行政区划名称重复：字号前和括号内不能同时使用',
      'The region is given twice: before the trade name and again in parentheses',
    ];
    findings.push(newFinding('name.region.repeated', 'block', msg, '《企业名称登记管理规定》第七条'));
  }
  if (!industry) {
    const msg: [string, string] = [
      '名称未标明行业或者经营特点；仅跨行业综合经营的企业可以不含行业表述',
      'The name states no industry; only an enterprise operating across industries may omit it',
    ];
    findings.push(newFinding('name.structure.industry-missing', 'info', msg, STRUCTURE));
  }
  if (region === null) {
    const msg: [string, string] = [
      '名称未含行政区划名称；仅跨省、自治区、直辖市经营的企业可以不含行政区划',
      'The name has no region; only an enterprise operating across provinces may omit it',
    ];
    findings.push(newFinding('name.structure.region-missing', 'info', msg, STRUCTURE));
  }
  return { normalized, simplified: text, parts, regionChain, industryAt, findings };
}

function characterFindings(normalized: string, simplified: string): Finding[] {
  const findings: Finding[] = [];
  const invalid = [...new Set(normalized.match(NOT_HAN) ?? [])];
  if (invalid.length > 0) {
    const text: [string, string] = [
      `名称应当使用规范汉字，不能含有“${invalid.join('、')}”`,
      `A name is written in standard Chinese characters only; it may not contain "${invalid.join(' ')}"`,
    ];
    findings.push(newFinding('name.characters.invalid', 'block', text, CHARACTERS));
  }
  const written = [...normalized];
  const changed = [...simplified].some(
    (c, i) => c !== written[i] && !STANDARD_AS_WRITTEN.has(written[i] ?? ''),
  );
  if (changed || written.length !== [...simplified].length) {
    const text: [string, string] = [
      `名称含有繁体字或异体字，应当使用规范汉字：“${simplified}”`,
      `The name contains traditional or variant characters; the standard form is "${simplified}"`,
    ];
    findings.push(newFinding('name.characters.traditional', 'warn', text, CHARACTERS));
  }
  return findings;
}

function formMissing(text: string): Finding {
  const company = text.endsWith('公司');
  const message: [string, string] = company
    ? [
        '组织形式不完整：公司应标明“有限责任公司”“有限公司”“股份有限公司”或“股份公司”字样',
        'The organization form is incomplete: a company states 有限责任公司, 有限公司, 股份有限公司 or 股份公司',
      ]
    : ['名称未标明组织形式（如“有限公司”）', 'The name states no organization form (such as 有限公司)'];
  return newFinding('name.structure.organization-form-missing', 'block', message, company ? FORM : STRUCTURE);
}

function tradeNameShape(tradeName: string): Finding[] {
  if (tradeName === '') {
    const text: [string, string] = ['名称缺少字号', 'The name has no trade name'];
    return [newFinding('name.trade-name.missing', 'block', text, TRADE_NAME)];
  }
  if (tradeName.includes('（') || tradeName.includes('）')) {
    const text: [string, string] = [
      `无法识别名称中括号的内容：“${tradeName}”；括号内只能是行政区划名称`,
      `Cannot read the parentheses in "${tradeName}": only a region may stand in parentheses`,
    ];
    return [newFinding('name.structure.unparseable', 'block', text, STRUCTURE)];
  }
  if ((tradeName.match(HAN) ?? []).length < 2) {
    const text: [string, string] = [
      `字号“${tradeName}”应当由两个以上汉字组成`,
      `The trade name "${tradeName}" must have at least two Chinese characters`,
    ];
    return [newFinding('name.trade-name.too-short', 'block', text, TRADE_NAME)];
  }
  return [];
}

/** A region in parentheses ending at `end` (腾讯科技（深圳）), or （中国） of a foreign-invested enterprise. */
function parenthesizedRegion(text: string, end: number, catalog: NamingCatalog, authority?: string) {
  if (text[end - 1] !== '）') return null;
  const start = text.lastIndexOf('（', end - 1);
  if (start < 0) return null;
  const inner = text.slice(start + 1, end - 1);
  if (inner === catalog.foreignInvestedMarker.word) return { start, region: inner, code: NATIONAL_AUTHORITY };
  const matches = catalog.divisions.regions.get(inner);
  if (!matches) return null;
  return { start, region: inner, code: resolve(matches, catalog.divisions, authority) };
}

/**
 * The chain of regions a name starts with, each inside the one before (广东省深圳市南山区). A
 * county's short form starts a chain only where it belongs to the authority: 东方 is a city in
 * Hainan, but 东方明珠 registered in Shanghai has no region. Regions that would leave no trade name
 * give their last member back to it: in 深圳科技有限公司 the trade name is 深圳 (and is refused as such).
 */
function regionPrefix(core: string, divisions: DivisionIndex, authority?: string) {
  const steps: Array<{ length: number; code: string | null; codes: string[] }> = [];
  let length = 0;
  for (;;) {
    const previous = steps.at(-1);
    const eligible = (m: RegionMatch) =>
      previous
        ? previous.codes.some((p) => p !== m.code && divisions.isWithin(m.code, p))
        : !(m.short && m.level === 'county') ||
          (authority !== undefined && related(m.code, authority, divisions));
    let step: (typeof steps)[number] | undefined;
    for (const { word, value } of divisions.regions.prefixesAt(core, length)) {
      const matches = value.filter(eligible);
      if (matches.length === 0) continue;
      step = {
        length: word.length,
        code: resolve(matches, divisions, authority),
        codes: matches.map((m) => m.code),
      };
      break;
    }
    if (!step) break;
    steps.push(step);
    length += step.length;
  }
  if (length === core.length && steps.length > 0) length -= steps.pop()?.length ?? 0;
  return { length, chain: steps.map((s) => s.code).filter((c): c is string => c !== null) };
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
