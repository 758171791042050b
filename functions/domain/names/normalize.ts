/**
 * The normal forms names are compared in. Two trade names that differ only in traditional versus
 * simplified characters, in the order of their characters, or (for the similar-name warning) in
 * tones, must meet under one key: domain.md, "Identical trade name" and "Similar".
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import type { NameParts } from './parse.ts';

type Convert = (text: string) => string;
let converters: Convert[] | undefined;

/**
 * Traditional to simplified. Hong Kong and Taiwan write some characters differently (裏/裡, 綫/線),
 * so the text goes through both converters; each leaves simplified text as it is. The converters
 * load their dictionaries once per process.
 */
export function toSimplified(text: string): string {
  converters ??= [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
  return converters.reduce((s, convert) => convert(s), text);
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
  return { scope, tradeKey: tradeKey(parts.tradeName), industryClass: parts.industryClass };
}
