/**
 * Names of political parties, party, state and army organs and mass organizations, their abbreviations
 * and particular titles, and army unit numbers (规定 第十一条第（三）项). An organ's name or particular
 * title is refused wherever it stands; an abbreviation is refused when it is the whole trade name, and
 * only flagged for the examiner inside a longer one, where such characters usually mean something else
 * (人大金仓, 中信国安).
 */
import { excused, type NamingCatalog } from './catalog.ts';
import { type Finding, newFinding } from './finding.ts';
import type { NameParts } from './parse.ts';

const CLASS = 'party-state-army';

export function stateOrganFindings(text: string, parts: NameParts, catalog: NamingCatalog): Finding[] {
  const cls = catalog.prohibitedClasses.get(CLASS);
  const label: [string, string] = [
    cls?.label ?? '党政军机关名称',
    cls?.labelEn ?? 'the name of a state organ',
  ];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const unit = text.match(catalog.unitNumber.pattern)?.[0];
  if (unit) {
    seen.add(unit);
    const msg: [string, string] = [
      `名称含有部队番号：“${unit}”`,
      `The name contains an army unit number: "${unit}"`,
    ];
    findings.push(newFinding(`name.prohibited.${CLASS}`, 'block', msg, catalog.unitNumber.basis));
  }
  for (const { word, value, at } of catalog.stateOrgans.occurrences(text)) {
    if (value.form !== 'name' || seen.has(word) || excused(text, at, value)) continue;
    if ([...seen].some((s) => s.includes(word))) continue;
    seen.add(word);
    const msg: [string, string] = [
      `名称含有${label[0]}：“${word}”`,
      `The name contains ${label[1]}: "${word}"`,
    ];
    findings.push(newFinding(`name.prohibited.${CLASS}`, 'block', msg, value.basis));
  }
  findings.push(...abbreviations(parts.tradeName, catalog, seen));
  return findings;
}

function abbreviations(trade: string, catalog: NamingCatalog, seen: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (const { word, value } of catalog.stateOrgans.occurrences(trade)) {
    if (value.form !== 'abbreviation' || [...seen].some((s) => s.includes(word))) continue;
    if (word === trade) {
      const msg: [string, string] = [
        `字号“${trade}”是党政军机关或者群团组织的简称，不能使用`,
        `The trade name "${trade}" is the abbreviation of a party, state or army organ or a mass organization`,
      ];
      return [newFinding(`name.prohibited.${CLASS}`, 'block', msg, value.basis)];
    }
    const msg: [string, string] = [
      `字号含有“${word}”，与党政军机关或者群团组织的简称相同，请审查是否另有含义`,
      `The trade name contains "${word}", the abbreviation of an organ; the examiner checks that it means something else here`,
    ];
    findings.push(newFinding('name.state-organ.abbreviation', 'warn', msg, value.basis));
  }
  return findings;
}
