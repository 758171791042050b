/**
 * The simple-deregistration rules as versioned data (seeds/deregistration/lists.json): the registry lists
 * eligibility reads, the reasons' texts and legal bases, the scope items and entity types whose closing
 * needs an approval, and the commitment's wording. Checked against the closed sets on first use and kept
 * for the process; every judgment records the version it used, so it can be explained and re-run.
 */
import seed from '#seeds/deregistration/lists.json' with { type: 'json' };
import { ENTITY_TYPES } from '../entity-types.ts';
import { scopeItem } from '../registration/catalogue.ts';

/** The lists the registry maintains (examiners add and remove entries, with a reason). */
export const REGISTRY_LISTS = [
  'abnormal-operation',
  'serious-violation',
  'equity-frozen',
  'equity-pledged',
  'movable-mortgage',
  'outbound-investment',
  'litigation',
  'under-investigation',
  'branches-active',
  'listed-company',
  'license-revoked',
  'approval-required',
] as const;
export type RegistryList = (typeof REGISTRY_LISTS)[number];

export const isRegistryList = (id: string): id is RegistryList =>
  (REGISTRY_LISTS as readonly string[]).includes(id);

/** The reasons that come from the enterprise's record or the filing, not from a list. */
export const RECORD_RULES = [
  'already-deregistering',
  'already-deregistered',
  'debts-not-settled',
  'signatory-missing',
  'signatory-unknown',
] as const;
export type RecordRule = (typeof RECORD_RULES)[number];

export type RuleId = RegistryList | RecordRule;

/** One entry of a registry list: who put the enterprise there, when and why. */
export interface RegistryListEntry {
  list: RegistryList;
  creditCode: string;
  reason: string;
  addedBy: string;
  /** RFC 3339. */
  addedAt: string;
}

export interface RuleText {
  message: string;
  messageEn: string;
  basis: string;
}

export interface ListDefinition extends RuleText {
  id: RegistryList;
  name: string;
  nameEn: string;
}

export interface DeregistrationRules {
  version: string;
  /** In the seed's order, which is the order reasons are given in. */
  lists: readonly ListDefinition[];
  texts: ReadonlyMap<RuleId, RuleText>;
  approvalScopeItems: ReadonlySet<string>;
  approvalEntityTypes: ReadonlySet<string>;
  commitment: { title: string; body: string; signedBy: string };
}

/** The seed as JSON gives it: strings still to be checked against the closed sets. */
export interface DeregistrationRulesSeed {
  version: string;
  lists: ReadonlyArray<{ id: string; name: string; nameEn: string } & RuleText>;
  rules: ReadonlyArray<{ id: string } & RuleText>;
  approvalRequired: { scopeItems: readonly string[]; entityTypes: readonly string[] };
  commitment: { title: string; body: string; signedBy: string };
}

function checkedText(where: string, text: RuleText): RuleText {
  for (const key of ['message', 'messageEn', 'basis'] as const)
    if (!text[key]?.trim()) throw new Error(`deregistration rules: ${where} has no ${key}`);
  return { message: text.message, messageEn: text.messageEn, basis: text.basis };
}

/**
 * Every list and rule once, each in its own section, with its texts: a reason the code can give always has
 * words and a basis, and a list filed among the rules would never be read by eligibility.
 */
function checkedTexts(seed: DeregistrationRulesSeed): Map<RuleId, RuleText> {
  const texts = new Map<RuleId, RuleText>();
  const sections = [
    { entries: seed.lists, ids: REGISTRY_LISTS as readonly string[], what: 'list' },
    { entries: seed.rules, ids: RECORD_RULES as readonly string[], what: 'rule' },
  ];
  for (const { entries, ids, what } of sections)
    for (const entry of entries) {
      if (!ids.includes(entry.id)) throw new Error(`deregistration rules: unknown ${what} ${entry.id}`);
      if (texts.has(entry.id as RuleId))
        throw new Error(`deregistration rules: ${entry.id} is defined twice`);
      texts.set(entry.id as RuleId, checkedText(entry.id, entry));
    }
  for (const id of [...REGISTRY_LISTS, ...RECORD_RULES])
    if (!texts.has(id)) throw new Error(`deregistration rules: ${id} missing`);
  return texts;
}

export function buildDeregistrationRules(
  seed: DeregistrationRulesSeed,
  known: { scopeItem: (code: string) => unknown } = { scopeItem },
): DeregistrationRules {
  const texts = checkedTexts(seed);
  for (const code of seed.approvalRequired.scopeItems)
    if (!known.scopeItem(code)) throw new Error(`deregistration rules: unknown scope item ${code}`);
  for (const t of seed.approvalRequired.entityTypes)
    if (!(ENTITY_TYPES as readonly string[]).includes(t))
      throw new Error(`deregistration rules: unknown entity type ${t}`);
  return {
    version: seed.version,
    lists: seed.lists.map((l) => ({ ...l, id: l.id as RegistryList })),
    texts,
    approvalScopeItems: new Set(seed.approvalRequired.scopeItems),
    approvalEntityTypes: new Set(seed.approvalRequired.entityTypes),
    commitment: seed.commitment,
  };
}

let loaded: DeregistrationRules | undefined;

/** The rules of the committed seed, built on first use and kept for the process. */
export function loadDeregistrationRules(): DeregistrationRules {
  loaded ??= buildDeregistrationRules(seed);
  return loaded;
}

/** Why a deregistration cannot go on: a stable rule id, the words for the applicant, the legal basis. */
export interface Reason extends RuleText {
  rule: RuleId;
  /** What the registry knows of the case: the list entries' reasons, the scope items concerned. */
  detail?: string;
}

/**
 * The reason a rule gives, in the seed's words (the loader guarantees every rule has them). `names` fill
 * the `{names}` of a text that names people, listed as each language lists them.
 */
export function reasonOf(
  rules: DeregistrationRules,
  rule: RuleId,
  given: { names?: readonly string[]; detail?: string | undefined } = {},
): Reason {
  const text = rules.texts.get(rule)!;
  const names = given.names ?? [];
  return {
    rule,
    message: fill(text.message, { names: names.join('、') }),
    messageEn: fill(text.messageEn, { names: names.join(', ') }),
    basis: text.basis,
    ...(given.detail ? { detail: given.detail } : {}),
  };
}

/** Fills `{key}` placeholders of a seeded text; a placeholder left unfilled is a seed error, said so. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new RangeError(`deregistration rules: no value for {${key}}`);
    return value;
  });
}
