/**
 * The findings about a name's shape that parsing itself makes: characters, organization form, trade
 * name length, abolished regions and missing parts (企业名称登记管理规定 第五条至第十条).
 */
import type { NamingCatalog, OrganizationForm } from './catalog.ts';
import { type Finding, newFinding } from './finding.ts';
import type { NameParts } from './parse.ts';
import type { Reading } from './segment.ts';

const STRUCTURE = '《企业名称登记管理规定》第六条';
const CHARACTERS = '《企业名称登记管理规定》第五条';
const TRADE_NAME = '《企业名称登记管理规定》第八条';
const FORM = '《企业名称登记管理规定》第十条';
const REGION = '《企业名称登记管理规定》第七条';
const NOT_HAN = /[^\p{Script=Han}（）]/gu;
const HAN = /\p{Script=Han}/gu;
/** Company and partnership form words: before the form that ends the name they are a second form. */
const FORM_WORDS = /有限责任|有限|公司|合伙企业|独资企业|合作社/gu;

/**
 * The form: missing, incomplete, given twice (青云科技有限公司有限公司), or standing inside the trade name.
 * A name has exactly one organization form, at its end (第十条).
 */
export function formFindings(
  form: { word: string; value: OrganizationForm } | undefined,
  text: string,
  repeated: readonly string[],
  rest: string,
): Finding[] {
  const findings: Finding[] = [];
  if (!form) findings.push(formMissing(text));
  else if (form.value.incomplete) {
    const msg: [string, string] = [
      `组织形式“${form.word}”不完整：${form.value.incomplete}`,
      `The organization form "${form.word}" is incomplete: it ${form.value.incompleteEn ?? 'lacks a required part'}`,
    ];
    findings.push(newFinding('name.structure.organization-form-incomplete', 'block', msg, form.value.basis));
  }
  if (repeated.length > 0) {
    const msg: [string, string] = [
      `组织形式重复：“${[...repeated].reverse().join('')}${form?.word ?? ''}”；名称只能在末尾含有一个组织形式`,
      `The organization form is repeated; a name ends with exactly one organization form`,
    ];
    findings.push(newFinding('name.structure.organization-form-repeated', 'block', msg, FORM));
  }
  const inside = [...new Set(rest.match(FORM_WORDS) ?? [])];
  if (inside.length > 0) {
    const msg: [string, string] = [
      `名称中间含有组织形式用语“${inside.join('、')}”；组织形式只能位于名称末尾`,
      `The name contains organization form wording "${inside.join(' ')}" before its end; the form stands only at the end`,
    ];
    findings.push(newFinding('name.structure.organization-form-misplaced', 'block', msg, FORM));
  }
  return findings;
}

/** A region the name reads with that has been abolished or renamed: a new name uses the current one. */
export function abolishedFindings(reading: Reading, catalog: NamingCatalog): Finding[] {
  return reading.region.abolished.map((name) => {
    const successor = catalog.divisions.abolished.get(name);
    const now = successor ? (catalog.divisions.get(successor)?.name ?? successor) : '';
    const msg: [string, string] = [
      `行政区划“${name}”已撤销或更名，新申报的名称应当使用现行行政区划名称“${now}”`,
      `The division "${name}" no longer exists; a new name uses the current division "${now}"`,
    ];
    return newFinding('name.region.abolished', 'block', msg, REGION);
  });
}

/** Information: no industry (only a cross-industry enterprise may omit it), no region (cross-province). */
export function missingParts(parts: NameParts): Finding[] {
  const findings: Finding[] = [];
  if (parts.industryClass === null) {
    const msg: [string, string] = [
      '名称未标明行业或者经营特点；仅跨行业综合经营的企业可以不含行业表述',
      'The name states no industry; only an enterprise operating across industries may omit it',
    ];
    findings.push(newFinding('name.structure.industry-missing', 'info', msg, STRUCTURE));
  }
  if (parts.region === null) {
    const msg: [string, string] = [
      '名称未含行政区划名称；仅跨省、自治区、直辖市经营的企业可以不含行政区划',
      'The name has no region; only an enterprise operating across provinces may omit it',
    ];
    findings.push(newFinding('name.structure.region-missing', 'info', msg, STRUCTURE));
  }
  return findings;
}

export function characterFindings(normalized: string, simplified: string): Finding[] {
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
  const changed = [...simplified].some((c, i) => c !== written[i]);
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

export function tradeNameShape(tradeName: string): Finding[] {
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
