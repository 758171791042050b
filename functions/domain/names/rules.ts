/**
 * The name rules that need no database: structure, trade name, region, prohibited and restricted
 * words (企业名称登记管理规定 第五条至第十二条; 实施办法 2023). The comparison with existing names
 * lives in compare.ts and is re-exported here, so callers find every name rule in one module.
 */

import { excused } from './catalog.ts';
import { authorityScope, type DivisionIndex, NATIONAL_AUTHORITY } from './divisions.ts';
import { bySeverity, type Finding, newFinding } from './finding.ts';
import { type NameKey, nameKey } from './normalize.ts';
import { type EntityType, type NameParts, type NamingCatalog, type ParsedName, parseName } from './parse.ts';
import { isIndustryWording } from './segment.ts';
import { stateOrganFindings } from './state-organs.ts';

export { compareWithExisting, type ExistingName, type ExistingStatus, stillProtected } from './compare.ts';
export { type Verdict, verdictOf } from './finding.ts';

const REGION = '《企业名称登记管理规定》第七条';
const TRADE_NAME = '《企业名称登记管理规定》第八条';

export interface NameRuleDeps {
  catalog: NamingCatalog;
  divisions: DivisionIndex;
}

export interface NameRuleOptions {
  /** When known (a reservation), the organization form must be one this entity type may use. */
  entityType?: EntityType;
}

export interface NameCheck {
  /** The name as normalized (widths, spaces, parentheses): what is stored and shown. */
  name: string;
  parts: NameParts;
  /** Blocks first, then warnings, then information. */
  findings: Finding[];
  /** The authority scope of `division` (see authorityScope). */
  scope: string;
  key: NameKey;
  /** The catalog version the findings were made with; a decision records it. */
  ruleVersion: string;
}

/**
 * Every rule a proposed name can be held to without looking at other names. `division` is the
 * registration authority's division code; an unknown one throws UnknownDivisionError.
 */
export function checkNameRules(
  name: string,
  division: string,
  deps: NameRuleDeps,
  options: NameRuleOptions = {},
): NameCheck {
  const scope = authorityScope(division, deps.divisions);
  const parsed = parseName(name, deps.catalog, { authority: division });
  const findings = [
    ...parsed.findings,
    ...tradeNameWords(parsed.parts, deps.catalog),
    ...regionFindings(parsed, division, deps.divisions),
    ...prohibitedWords(parsed.simplified, deps.catalog),
    ...stateOrganFindings(parsed.simplified, parsed.parts, deps.catalog),
    ...restrictedWords(parsed, deps.catalog, options.entityType),
    ...formFindings(parsed.parts, deps.catalog, options.entityType),
  ];
  return {
    name: parsed.normalized,
    parts: parsed.parts,
    findings: bySeverity(findings),
    scope,
    key: nameKey(parsed.parts, scope),
    ruleVersion: deps.catalog.version,
  };
}

/**
 * A region name, industry wording or a generic word is no trade name (第八条), unless it has another
 * meaning. A province's or a prefecture's name, or a division's full name, is refused; a listed word with
 * another meaning (和平, 兴隆) and a county's short form (most are ordinary words: 新兴, 沙河) pass with a
 * warning, so that the examiner judges the other meaning. A longer trade name that merely contains a
 * region name (栖霞云) is not concerned.
 */
function tradeNameWords(parts: NameParts, catalog: NamingCatalog): Finding[] {
  const t = parts.tradeName;
  if (t === '') return [];
  const regions = catalog.divisions.regions.get(t);
  if (regions) {
    const county = regions.every((m) => m.short && m.level === 'county');
    if (!catalog.otherMeaning.has(t) && !county) {
      const msg: [string, string] = [
        `行政区划名称“${t}”不能作为字号`,
        `The region name "${t}" cannot be the trade name`,
      ];
      return [newFinding('name.trade-name.region-name', 'block', msg, TRADE_NAME)];
    }
    const msg: [string, string] = [
      `字号“${t}”与县级以上行政区划名称相同，仅在另有含义时可以作为字号，请审查`,
      `The trade name "${t}" is also a region name; it may be a trade name only where it means something else, for the examiner to judge`,
    ];
    return [newFinding('name.trade-name.region-name-other-meaning', 'warn', msg, TRADE_NAME)];
  }
  if (catalog.otherMeaning.has(t)) return [];
  const generic = catalog.notTradeNames.get(t);
  if (generic) {
    const msg: [string, string] = [
      `“${t}”不具有显著性，不能作为字号`,
      `"${t}" is not distinctive enough to be a trade name`,
    ];
    return [newFinding('name.trade-name.not-distinctive', 'block', msg, generic.basis)];
  }
  if (isIndustryWording(t, catalog)) {
    const msg: [string, string] = [
      `字号“${t}”仅由行业或者经营特点用语组成，不能作为字号`,
      `The trade name "${t}" consists of industry wording only and cannot be the trade name`,
    ];
    return [newFinding('name.trade-name.industry-word', 'block', msg, catalog.industryBasis)];
  }
  return [];
}

/**
 * The region must be where the enterprise is: the authority's division, one above it, or one under
 * it. A city district is written after its city (深圳市南山区, not 南山区 alone). The national
 * authority registers for the whole country, so any region is its own.
 */
function regionFindings(parsed: ParsedName, division: string, divisions: DivisionIndex): Finding[] {
  const { region, regionDivision } = parsed.parts;
  if (region === null || regionDivision === NATIONAL_AUTHORITY) return [];
  const findings: Finding[] = [];
  const local =
    division === NATIONAL_AUTHORITY ||
    (regionDivision !== null &&
      (divisions.isWithin(division, regionDivision) || divisions.isWithin(regionDivision, division)));
  if (!local) {
    const msg: [string, string] = [
      `名称中的行政区划“${region}”不是登记机关所在地的行政区划`,
      `The region "${region}" is not the region of the registration authority`,
    ];
    findings.push(newFinding('name.region.mismatch', 'block', msg, REGION));
  }
  const district = regionDivision !== null && divisions.isCityDistrict(regionDivision);
  const city = regionDivision !== null ? divisions.get(regionDivision)?.parent : undefined;
  if (district && city && !parsed.regionChain.includes(city)) {
    const cityName = divisions.get(city)?.name ?? city;
    const msg: [string, string] = [
      `市辖区名称“${region}”应当同时冠以所属设区的市的名称“${cityName}”`,
      `The district "${region}" must follow the name of its city "${cityName}"`,
    ];
    findings.push(newFinding('name.region.district-without-city', 'block', msg, REGION));
  }
  return findings;
}

/** Every prohibited word anywhere in the name, once each, under its class's rule id. */
function prohibitedWords(text: string, catalog: NamingCatalog): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { word, value, at } of catalog.prohibited.occurrences(text)) {
    if (seen.has(word) || excused(text, at, value)) continue;
    seen.add(word);
    const cls = catalog.prohibitedClasses.get(value.class);
    const msg: [string, string] = [
      `名称含有${cls?.label ?? '禁止使用的文字'}：“${word}”`,
      `The name contains ${cls?.labelEn ?? 'prohibited wording'}: "${word}"`,
    ];
    findings.push(newFinding(`name.prohibited.${value.class}`, 'block', msg, value.basis));
  }
  return findings;
}

/**
 * 中国, 中华, 中央, 全国, 国家 (第十二条): at the start a name needs State Council approval, which
 * self-declaration cannot give; in the middle 中国, 中华, 全国 and 国家 may only qualify the industry,
 * which here means they are part of it or stand right before it (parseName reads them into it). The
 * article does not let 中央 qualify anything, so in the middle it blocks unless a listed phrase
 * (中央空调) excuses it.
 * （中国） after the trade name is the foreign-invested marker of the third paragraph.
 */
function restrictedWords(parsed: ParsedName, catalog: NamingCatalog, entityType?: EntityType): Finding[] {
  const text = parsed.simplified;
  const findings: Finding[] = [];
  for (const { word, value, at } of catalog.restricted.occurrences(text)) {
    if (excused(text, at, value)) continue;
    if (at === 0) {
      const msg: [string, string] = [
        `名称冠以“${word}”，须经国务院批准，不能自主申报`,
        `A name starting with "${word}" needs State Council approval and cannot be self-declared`,
      ];
      findings.push(newFinding('name.restricted.prefix', 'block', msg, value.basis));
    } else if (
      text[at - 1] === '（' &&
      text[at + word.length] === '）' &&
      word === catalog.foreignInvestedMarker.word
    ) {
      findings.push(chinaMarker(catalog, entityType));
    } else if (!value.qualifiesIndustry || parsed.industryAt < 0 || at < parsed.industryAt) {
      const msg: [string, string] = [
        `名称中间含有“${word}”的，该字词应当是行业限定语`,
        `"${word}" in the middle of a name may only qualify the industry`,
      ];
      findings.push(newFinding('name.restricted.middle', 'block', msg, value.basis));
    }
  }
  return findings;
}

function chinaMarker(catalog: NamingCatalog, entityType?: EntityType): Finding {
  const marker = catalog.foreignInvestedMarker;
  const allowed = entityType !== undefined && marker.entityTypes.includes(entityType);
  const severity = allowed ? 'info' : entityType === undefined ? 'warn' : 'block';
  const msg: [string, string] = [
    '“（中国）”字样仅限使用外国投资者字号的外商独资或者外方控股的外商投资企业使用',
    '"（中国）" is only for foreign-invested enterprises that use their foreign investor\'s trade name',
  ];
  return newFinding('name.restricted.china-marker', severity, msg, marker.basis);
}

function formFindings(parts: NameParts, catalog: NamingCatalog, entityType?: EntityType): Finding[] {
  if (!entityType || parts.organizationForm === null) return [];
  const form = catalog.organizationForms.get(parts.organizationForm);
  if (!form || form.entityTypes.includes(entityType)) return [];
  const msg: [string, string] = [
    `组织形式“${parts.organizationForm}”与申报的企业类型不符`,
    `The organization form "${parts.organizationForm}" does not fit the entity type ${entityType}`,
  ];
  return [newFinding('name.structure.organization-form-mismatch', 'block', msg, form.basis)];
}
