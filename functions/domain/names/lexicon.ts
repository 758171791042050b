/**
 * A word list prepared for matching inside short texts. Names are short (at most 100 characters)
 * and a list holds hundreds of words, so instead of testing every word against the text we look
 * up each slice of the text whose length some word has: a handful of Map lookups per position.
 */
export class Lexicon<T> {
  private readonly words = new Map<string, T>();
  /** The distinct word lengths, longest first, so the first hit is the longest match. */
  private readonly lengths: number[];

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [word, value] of entries) {
      if (word.length > 0 && !this.words.has(word)) this.words.set(word, value);
    }
    this.lengths = [...new Set([...this.words.keys()].map((w) => w.length))].sort((a, b) => b - a);
  }

  get(word: string): T | undefined {
    return this.words.get(word);
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** Every word that starts at `from`, longest first. */
  prefixesAt(text: string, from = 0): Array<{ word: string; value: T }> {
    const out: Array<{ word: string; value: T }> = [];
    for (const n of this.lengths) {
      if (from + n > text.length) continue;
      const word = text.slice(from, from + n);
      const value = this.words.get(word);
      if (value !== undefined) out.push({ word, value });
    }
    return out;
  }

  /** Every word the text ends with, longest first. */
  suffixesOf(text: string): Array<{ word: string; value: T }> {
    const out: Array<{ word: string; value: T }> = [];
    for (const n of this.lengths) {
      if (n > text.length) continue;
      const word = text.slice(text.length - n);
      const value = this.words.get(word);
      if (value !== undefined) out.push({ word, value });
    }
    return out;
  }

  /** Every occurrence of every word in the text, overlapping ones included, in text order. */
  occurrences(text: string): Array<{ word: string; value: T; at: number }> {
    const out: Array<{ word: string; value: T; at: number }> = [];
    for (let at = 0; at < text.length; at++) {
      for (const { word, value } of this.prefixesAt(text, at)) out.push({ word, value, at });
    }
    return out;
  }
}
