/**
 * Trade names as pinyin syllables, for the name index: two names that sound alike share every pair of
 * neighbouring syllables, and a trade name inside another shares its pairs too (the same characters
 * read the same), so one family of index entries serves both similar-name rules.
 */
import { pinyin } from 'pinyin-pro';
import { normalizeName, toSimplified } from './normalize.ts';

/** Toneless syllables of a (simplified) trade name, one per character: 星河 → ['xing', 'he']. */
export function syllablesOf(trade: string): string[] {
  const text = toSimplified(normalizeName(trade));
  if (text === '') return [];
  return pinyin(text, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
}

/** Distinct pairs of neighbouring syllables (`xing-he`); a one-character name gives its one syllable. */
export function syllablePairs(syllables: readonly string[]): string[] {
  if (syllables.length === 1) return [syllables[0]!];
  const out = new Set<string>();
  for (let i = 0; i + 1 < syllables.length; i++) out.add(`${syllables[i]}-${syllables[i + 1]}`);
  return [...out];
}

let known: Set<string> | undefined;

/** Every syllable pinyin-pro reads a CJK Unified Ideograph as (built once, on the first pinyin search). */
function knownSyllables(): Set<string> {
  if (!known) {
    known = new Set();
    let block = '';
    for (let c = 0x4e00; c <= 0x9fff; c++) block += String.fromCodePoint(c);
    for (const s of pinyin(block, { toneType: 'none', type: 'array', v: true }))
      if (/^[a-z]+$/.test(s)) known.add(s);
  }
  return known;
}

/**
 * Splits letters typed as pinyin into syllables (xinghelanhai → xing he lan hai), preferring the fewest
 * syllables; undefined when the letters are not pinyin.
 */
export function segmentPinyin(letters: string): string[] | undefined {
  const text = letters.toLowerCase().replaceAll('ü', 'v');
  const syllables = knownSyllables();
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= text.length; end++) {
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const prefix = best[start];
      const piece = text.slice(start, end);
      if (prefix && syllables.has(piece) && (!best[end] || best[end]!.length > prefix.length + 1))
        best[end] = [...prefix, piece];
    }
  }
  return best[text.length];
}
