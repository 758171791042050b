/**
 * The normal forms names are compared in. Two trade names that differ only in traditional versus
 * simplified characters, in the order of their characters, or (for the similar-name warning) in
 * tones, must meet under one key: domain.md, "Identical trade name" and "Similar".
 */

import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import standard from '#seeds/names/standard-characters.json' with { type: 'json' };
import type { NameParts } from './parse.ts';

type Convert = (text: string) => string;
let converters: Convert[] | undefined;

let standardChars: ReadonlySet<string> | undefined;

/**
 * The characters kept as written: GB 2312 (read from the platform's GBK decoder, so no table is copied
 * here) and the listed standard characters beyond it. The converters would otherwise turn standard
 * characters into other words: 么 into 幺, 昇 into 升, 著 into 着.
 */
function standardCharacters(): ReadonlySet<string> {
  if (!standardChars) {
    const decoder = new TextDecoder('gbk');
    const set = new Set<string>(standard.entries);
    for (let hi = 0xb0; hi <= 0xf7; hi++) {
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        const c = decoder.decode(new Uint8Array([hi, lo]));
        if (c.length === 1 && c !== '\ufffd') set.add(c);
      }
    }
    for (const c of standard.notStandard) set.delete(c);
    standardChars = set;
  }
  return standardChars;
}

/**
 * Traditional and variant characters to their standard form, one character at a time so that the
 * text keeps its length and every standard character stays as written: only characters outside the
 * table of general standard Chinese characters are converted (騰訊 → 腾讯, but 和么 and 瑞昇 stay).
 * Hong Kong and Taiwan write some characters differently (裏/裡, 綫/線), so a character goes through
 * both converters; they load their dictionaries once per process.
 */
export function toSimplified(text: string): string {
  converters ??= [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
  const keep = standardCharacters();
  let out = '';
  for (const c of text) {
    if (keep.has(c)) out += c;
    else out += convertOne(c, converters, keep);
  }
  return out;
}

/** The first standard character the converters make of `c` (麼 → 么, not on to 幺), else the last result. */
function convertOne(c: string, convert: readonly Convert[], keep: ReadonlySet<string>): string {
  let current = c;
  for (const step of convert) {
    const next = step(current);
    if ([...next].length !== 1) continue;
    current = next;
    if (keep.has(current)) break;
  }
  return current;
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
