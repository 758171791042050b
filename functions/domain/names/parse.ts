/**
 * Reading an enterprise name into its parts: region + trade name + industry + organization form
 * (企业名称登记管理规定 第六条). The name is read from both ends, because the ends are what the
 * word lists know: the organization form is the longest known suffix, the region a chain of known
 * regions at the start (or in parentheses, or right after the industry), the industry a run of known
 * industry words before the form; segment.ts weighs the readings, and the trade name is what remains.
 */
import { loadNamingCatalog, type NamingCatalog } from './catalog.ts';
import { type Finding, newFinding } from './finding.ts';
import { parenthesizedRegion, regionOptions, relatedOptions, trailingRegion } from './name-regions.ts';
import { normalizeName, toSimplified } from './normalize.ts';
import {
  abolishedFindings,
  characterFindings,
  formFindings,
  missingParts,
  tradeNameShape,
} from './parse-findings.ts';
import { chooseReading } from './segment.ts';

export { type EntityType, loadNamingCatalog, NamingCatalog } from './catalog.ts';
export type { Finding } from './finding.ts';

const REGION = '《企业名称登记管理规定》第七条';
/** Company and partnership forms: one of them inside the rest of a name is a second form. */
const COMPANY_FORM = /公司|有限|合伙企业|独资企业|合作社/u;

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

export function parseName(
  name: string,
  catalog: NamingCatalog = loadNamingCatalog(),
  context: ParseContext = {},
): ParsedName {
  const normalized = normalizeName(name);
  const text = toSimplified(normalized);
  const findings = characterFindings(normalized, text);

  const form = catalog.organizationForms.suffixesOf(text)[0];
  let end = text.length - (form?.word.length ?? 0);
  // A second company form right before the last one (青云科技有限公司有限公司) is read off, so that the
  // rest parses as it would alone, and refused.
  const repeated: string[] = [];
  for (
    let f = companyFormAtEnd(text.slice(0, end), catalog);
    f;
    f = companyFormAtEnd(text.slice(0, end), catalog)
  ) {
    repeated.push(f);
    end -= f.length;
  }
  const read = readCore(text.slice(0, end), catalog, context.authority);
  const { reading, core, paren, trailing } = read;
  let industryAt = reading.industryStart;
  if (reading.industry) {
    // 中国/中华/全国/国家 in the middle of a name may only qualify the industry: read it as part of it.
    const qualifier = catalog.restricted
      .suffixesOf(core.slice(0, industryAt))
      .find((q) => q.value.qualifiesIndustry && industryAt - q.word.length > reading.tradeStart);
    if (qualifier) industryAt -= qualifier.word.length;
  }
  const tradeName = core.slice(reading.tradeStart, industryAt);
  const byPrefix = reading.region.length > 0;
  const regionText = byPrefix
    ? core.slice(0, reading.region.length)
    : (paren?.region ?? trailing?.region ?? null);
  const regionDivision = byPrefix
    ? (reading.region.chain.at(-1) ?? null)
    : (paren?.code ?? trailing?.code ?? null);
  const regionChain = byPrefix ? reading.region.chain : regionDivision ? [regionDivision] : [];
  const industryText = reading.industry ? core.slice(industryAt) : null;
  const parts: NameParts = {
    region: regionText,
    regionDivision,
    tradeName,
    industry: industryText,
    industryClass: reading.industry?.class ?? null,
    organizationForm: form?.word ?? null,
  };

  findings.push(...formFindings(form, text, repeated, text.slice(0, end)));
  findings.push(...tradeNameShape(tradeName));
  if (byPrefix && paren) {
    const msg: [string, string] = [
      '名称中行政区划名称重复：字号前和括号内不能同时使用',
      'The region is given twice: before the trade name and again in parentheses',
    ];
    findings.push(newFinding('name.region.repeated', 'block', msg, REGION));
  }
  findings.push(...abolishedFindings(reading, catalog));
  findings.push(...missingParts(parts));
  const industryIndex = industryText === null ? -1 : text.indexOf(industryText, tradeName.length);
  return { normalized, simplified: text, parts, regionChain, industryAt: industryIndex, findings };
}

/**
 * The reading of the name without its form: a region in parentheses pins where the industry starts
 * (腾讯（深圳）科技), a region written after the industry without parentheses is read off when the
 * name would otherwise have no industry (李尔汽车系统扬州).
 */
function readCore(text: string, catalog: NamingCatalog, authority?: string) {
  const paren = parenthesizedRegion(text, catalog, authority);
  if (paren) {
    const core = text.slice(0, paren.start) + text.slice(paren.end);
    const fixed = paren.end < text.length ? paren.start : undefined;
    // A prefix that merely looks like a region elsewhere is the trade name's (阿里巴巴（中国）: 阿里 is in Tibet).
    const options = relatedOptions(regionOptions(core, catalog, authority), catalog, authority);
    const reading = chooseReading(core, options, catalog, fixed);
    return { reading, core, paren, trailing: null };
  }
  const reading = chooseReading(text, regionOptions(text, catalog, authority), catalog);
  const trailing =
    reading.industry || reading.region.length > 0 ? null : trailingRegion(text, catalog, authority);
  if (trailing) {
    const core = text.slice(0, text.length - trailing.region.length);
    const alone = chooseReading(core, regionOptions(core, catalog, authority), catalog);
    if (alone.industry && alone.region.length === 0) return { reading: alone, core, paren: null, trailing };
  }
  return { reading, core: text, paren: null, trailing: null };
}

function companyFormAtEnd(text: string, catalog: NamingCatalog): string | undefined {
  const f = catalog.organizationForms.suffixesOf(text)[0];
  return f && COMPANY_FORM.test(f.word) && f.word.length < text.length ? f.word : undefined;
}
