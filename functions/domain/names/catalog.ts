/**
 * The naming catalog: every word list the name rules use, read from the versioned seeds in
 * seeds/names/ and prepared once for fast matching. Its `version` names every seed version it was
 * built from, so a decision that records it can be explained and re-run with the same rules.
 */

import abolished from '#seeds/divisions/abolished.json' with { type: 'json' };
import industries from '#seeds/names/industries.json' with { type: 'json' };
import industryPhrases from '#seeds/names/industry-phrases.json' with { type: 'json' };
import notTradeNames from '#seeds/names/not-trade-names.json' with { type: 'json' };
import forms from '#seeds/names/organization-forms.json' with { type: 'json' };
import prohibited from '#seeds/names/prohibited.json' with { type: 'json' };
import restricted from '#seeds/names/restricted.json' with { type: 'json' };
import stateOrgans from '#seeds/names/state-organs.json' with { type: 'json' };
import zones from '#seeds/names/zones.json' with { type: 'json' };
import { ENTITY_TYPES, type EntityType } from '../entity-types.ts';
import { type DivisionIndex, loadDivisions } from './divisions.ts';
import { Lexicon } from './lexicon.ts';

export { ENTITY_TYPES, type EntityType };

/** An industry word keyed to its GB/T 4754 section; words of one `class` are synonyms (地产, 房地产, 置业). */
export interface IndustryWord {
  word: string;
  section: string;
  class: string;
}

export interface OrganizationForm {
  form: string;
  entityTypes: readonly EntityType[];
  basis: string;
  /** Set on a form that lacks what the law wants stated (合伙企业 without the kind of partnership). */
  incomplete?: string;
  incompleteEn?: string;
}

/** A word that must not appear in a name; `unless` lists longer phrases in which it is innocent. */
export interface ListedWord {
  word: string;
  basis: string;
  unless?: readonly string[];
}

export interface ProhibitedWord extends ListedWord {
  class: string;
}

/** 中国, 中华, 中央, 全国, 国家: `qualifiesIndustry` when the word may stand in the middle to qualify the industry. */
export interface RestrictedWord extends ListedWord {
  qualifiesIndustry: boolean;
}

/** An organ's name or particular title (refused anywhere), or an abbreviation (refused as the whole trade name). */
export interface StateOrganWord extends ListedWord {
  organ: string;
  form: 'name' | 'abbreviation';
}

export interface ProhibitedClass {
  label: string;
  labelEn: string;
  basis: string;
}

/** The seeds as JSON gives them: strings still to be checked against the closed sets. */
export interface NamingSeeds {
  industries: { version: string; basis: string; entries: ReadonlyArray<IndustryWord> };
  /** More industry words and the compound phrases real names use, beside the GB/T 4754 list. */
  industryPhrases?: { version: string; entries: ReadonlyArray<IndustryWord> };
  stateOrgans?: {
    version: string;
    unitNumber: { pattern: string; basis: string };
    entries: ReadonlyArray<ListedWord & { organ: string; form: string }>;
  };
  zones?: { version: string; basis: string; entries: ReadonlyArray<{ word: string }> };
  organizationForms: {
    version: string;
    entries: ReadonlyArray<Omit<OrganizationForm, 'entityTypes'> & { entityTypes: readonly string[] }>;
  };
  prohibited: {
    version: string;
    classes: Readonly<Record<string, ProhibitedClass>>;
    entries: ReadonlyArray<ProhibitedWord>;
  };
  restricted: {
    version: string;
    foreignInvestedMarker: { word: string; entityTypes: readonly string[]; basis: string };
    entries: ReadonlyArray<RestrictedWord>;
  };
  notTradeNames: {
    version: string;
    entries: ReadonlyArray<ListedWord>;
    otherMeaning: ReadonlyArray<ListedWord>;
  };
}

const SECTIONS = /^[A-T]$/;

function entityTypes(types: readonly string[], where: string): EntityType[] {
  return types.map((t) => {
    if (!(ENTITY_TYPES as readonly string[]).includes(t))
      throw new Error(`${where}: unknown entity type ${t}`);
    return t as EntityType;
  });
}

export class NamingCatalog {
  readonly version: string;
  readonly industries: Lexicon<IndustryWord>;
  readonly industryBasis: string;
  readonly organizationForms: Lexicon<OrganizationForm>;
  readonly prohibited: Lexicon<ProhibitedWord>;
  readonly prohibitedClasses: ReadonlyMap<string, ProhibitedClass>;
  readonly restricted: Lexicon<RestrictedWord>;
  /** （中国） after the trade name: only for foreign-invested enterprises with the investor's trade name. */
  readonly foreignInvestedMarker: { word: string; entityTypes: readonly EntityType[]; basis: string };
  readonly notTradeNames: Lexicon<ListedWord>;
  /** Region names and industry words that have another meaning and so may be a trade name. */
  readonly otherMeaning: ReadonlySet<string>;
  readonly stateOrgans: Lexicon<StateOrganWord>;
  /** An army unit number (第12345部队, 某某部队 is caught as 部队 by the list). */
  readonly unitNumber: { pattern: RegExp; basis: string };
  readonly zones: Lexicon<true>;
  readonly zoneBasis: string;

  constructor(
    seeds: NamingSeeds,
    readonly divisions: DivisionIndex,
  ) {
    const words = [...seeds.industries.entries, ...(seeds.industryPhrases?.entries ?? [])];
    for (const e of words) {
      if (!SECTIONS.test(e.section) || !e.class) throw new Error(`industries: bad entry ${e.word}`);
    }
    this.industries = new Lexicon(words.map((e) => [e.word, e] as const));
    this.industryBasis = seeds.industries.basis;
    this.organizationForms = new Lexicon(
      seeds.organizationForms.entries.map(
        (e) => [e.form, { ...e, entityTypes: entityTypes(e.entityTypes, `form ${e.form}`) }] as const,
      ),
    );
    this.prohibitedClasses = new Map(Object.entries(seeds.prohibited.classes));
    for (const e of seeds.prohibited.entries) {
      if (!this.prohibitedClasses.has(e.class))
        throw new Error(`prohibited: ${e.word} has unknown class ${e.class}`);
    }
    this.prohibited = new Lexicon(seeds.prohibited.entries.map((e) => [e.word, e] as const));
    this.restricted = new Lexicon(seeds.restricted.entries.map((e) => [e.word, e] as const));
    const marker = seeds.restricted.foreignInvestedMarker;
    this.foreignInvestedMarker = {
      ...marker,
      entityTypes: entityTypes(marker.entityTypes, 'foreignInvestedMarker'),
    };
    this.notTradeNames = new Lexicon(seeds.notTradeNames.entries.map((e) => [e.word, e] as const));
    this.otherMeaning = new Set(seeds.notTradeNames.otherMeaning.map((e) => e.word));
    const organs = seeds.stateOrgans;
    this.stateOrgans = new Lexicon(
      (organs?.entries ?? []).map((e) => {
        if (e.form !== 'name' && e.form !== 'abbreviation')
          throw new Error(`state organs: bad form ${e.word}`);
        return [e.word, { ...e, form: e.form }] as const;
      }),
    );
    this.unitNumber = {
      pattern: new RegExp(organs?.unitNumber.pattern ?? '(?!)', 'u'),
      basis: organs?.unitNumber.basis ?? '',
    };
    this.zones = new Lexicon((seeds.zones?.entries ?? []).map((e) => [e.word, true] as const));
    this.zoneBasis = seeds.zones?.basis ?? '';
    const optional = [
      seeds.industryPhrases && `industry-phrases@${seeds.industryPhrases.version}`,
      organs && `state-organs@${organs.version}`,
      seeds.zones && `zones@${seeds.zones.version}`,
    ].filter((v): v is string => typeof v === 'string');
    this.version = [
      `industries@${seeds.industries.version}`,
      ...optional,
      `organization-forms@${seeds.organizationForms.version}`,
      `prohibited@${seeds.prohibited.version}`,
      `restricted@${seeds.restricted.version}`,
      `not-trade-names@${seeds.notTradeNames.version}`,
      `divisions@${divisions.version}`,
      `abolished-divisions@${abolished.version}`,
    ].join('+');
  }
}

/** True when `word` occurs at `at` inside one of the phrases that make it innocent (精英国际 for 英国). */
export function excused(text: string, at: number, entry: ListedWord): boolean {
  for (const phrase of entry.unless ?? []) {
    for (
      let offset = phrase.indexOf(entry.word);
      offset >= 0;
      offset = phrase.indexOf(entry.word, offset + 1)
    ) {
      if (at - offset >= 0 && text.startsWith(phrase, at - offset)) return true;
    }
  }
  return false;
}

let loaded: NamingCatalog | undefined;

/** The catalog of the committed seeds, built on first use and kept for the process. */
export function loadNamingCatalog(): NamingCatalog {
  loaded ??= new NamingCatalog(
    {
      industries,
      industryPhrases,
      organizationForms: forms,
      prohibited,
      restricted,
      notTradeNames,
      stateOrgans,
      zones,
    },
    loadDivisions(),
  );
  return loaded;
}
