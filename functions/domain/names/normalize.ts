/**
 * The normal forms names are compared in. Two trade names that differ only in traditional versus
 * simplified characters, in the order of their characters, or (for the similar-name warning) in
 * tones, must meet under one key: domain.md, "Identical trade name" and "Similar".
 */

import { pinyin } from 'pinyin-pro';
import simplified from '#seeds/names/simplified.json' with { type: 'json' };
import type { NameParts } from './parse.ts';

let table: ReadonlyMap<string, string> | undefined;

/**
 * Traditional and variant characters to their standard form, one character at a time so that the
 * text keeps its length and every standard character stays as written: only characters outside the
 * table of general standard Chinese characters are converted (騰訊 → 腾讯, but 和么 and 瑞昇 stay).
 * The conversions are OpenCC's Hong Kong and Taiwan ones (裏/裡, 綫/線), taken once for every character
 * into seeds/names/simplified.json by scripts/seed-simplified.ts: the rules use no other, so no
 * dictionary is carried or loaded at run time.
 */
export function toSimplified(text: string): string {
  table ??= new Map(Object.entries(simplified.characters));
  let out = '';
  for (const c of text) out += table.get(c) ?? c;
  return out;
}

/** Whitespace anywhere, including the ideographic space and the zero-width ones pasted from documents. */
const SPACES = /[\s\u200b-\u200d\u2060\ufeff]+/gu;

/**
 * The canonical text of a proposed name: full-width letters and digits folded to half-width (NFKC),
 * every space removed (Chinese names have none), and parentheses written full-width as registered
 * names print them: 腾讯科技(深圳)有限公司 → 腾讯科技（深圳）有限公司.
 */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').replace(SPACES, '').replaceAll('(', '（').replaceAll(')', '）');
}

/** Simplified, then its characters sorted: 腾讯 and 讯腾 and 騰訊 share one key. */
export function tradeKey(tradeName: string): string {
  return [...toSimplified(normalizeName(tradeName))].sort().join('');
}

/** Simplified, then pinyin without tones or spaces, lowercase (ü as v): 腾讯 and 腾迅 give tengxun. */
export function pinyinKey(tradeName: string): string {
  return pinyin(toSimplified(normalizeName(tradeName)), {
    toneType: 'none',
    separator: '',
    v: true,
  }).toLowerCase();
}

/**
 * The key "one name, one holder" is enforced under: the authority scope, the trade name's key and
 * the industry class (null when the name has no industry: it then collides with every industry).
 */
export interface NameKey {
  scope: string;
  tradeKey: string;
  industryClass: string | null;
}

export function nameKey(parts: NameParts, scope: string): NameKey {
  // The characters in their order: 翠鸣 and 鸣翠 are similar names, not one name (domain.md).
  return {
    scope,
    tradeKey: toSimplified(normalizeName(parts.tradeName)),
    industryClass: parts.industryClass,
  };
}
