/**
 * Chinese text on the license page with a font fallback: each character is drawn with the first font
 * that has it, so a rare Extension-B character in a name prints (from Source Han Sans SC) instead of
 * a blank box. A character no font has is drawn with the primary font's notdef box: see
 * docs/integrators-license.md for that gap.
 */
import { type Color, type PDFDocument, type PDFFont, type PDFPage, rgb } from '@cantoo/pdf-lib';
import * as fontkit from 'fontkit';
import { fontBytes, licenseFallbackFontPath, licenseFontPath } from './license-fonts.ts';

export interface FontChain {
  fonts: PDFFont[];
  covers: Set<number>[];
}

export interface TextStyle {
  size: number;
  color?: Color;
}

/** Embeds the primary font, and the fallback only when one of `texts` needs a character it alone has. */
export async function embedFontChain(doc: PDFDocument, texts: readonly string[]): Promise<FontChain> {
  doc.registerFontkit(fontkit);
  const primary = await doc.embedFont(fontBytes(licenseFontPath()), { subset: true });
  const chain: FontChain = { fonts: [primary], covers: [new Set(primary.getCharacterSet())] };
  const missing = [...new Set(texts.join(''))].some((c) => !chain.covers[0]!.has(c.codePointAt(0)!));
  if (missing) {
    const fallback = await doc.embedFont(fontBytes(licenseFallbackFontPath()), { subset: true });
    chain.fonts.push(fallback);
    chain.covers.push(new Set(fallback.getCharacterSet()));
  }
  return chain;
}

function fontIndexFor(char: string, chain: FontChain): number {
  const code = char.codePointAt(0)!;
  // Blanks are in every font; keep them in the current run instead of starting a new one.
  const index = chain.covers.findIndex((cover) => cover.has(code));
  return index < 0 ? 0 : index;
}

/** The text cut into runs of one font each (by code point, so a surrogate pair is never split). */
export function fontRuns(text: string, chain: FontChain): { text: string; font: PDFFont }[] {
  const runs: { text: string; index: number }[] = [];
  for (const char of text) {
    const index = fontIndexFor(char, chain);
    const last = runs.at(-1);
    if (last && last.index === index) last.text += char;
    else runs.push({ text: char, index });
  }
  return runs.map((r) => ({ text: r.text, font: chain.fonts[r.index]! }));
}

export function textWidth(text: string, size: number, chain: FontChain): number {
  return fontRuns(text, chain).reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0);
}

/** Draws one line from (x, y) on the baseline; returns its width. */
export function drawLine(
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  style: TextStyle,
  chain: FontChain,
) {
  let at = x;
  for (const run of fontRuns(text, chain)) {
    page.drawText(run.text, {
      x: at,
      y,
      size: style.size,
      font: run.font,
      color: style.color ?? rgb(0, 0, 0),
    });
    at += run.font.widthOfTextAtSize(run.text, style.size);
  }
  return at - x;
}

/** Lines no wider than `width`. Chinese breaks between any two characters; closing punctuation stays put. */
export function wrapText(text: string, width: number, size: number, chain: FontChain): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of text) {
    const candidate = line + char;
    const keepWithPrevious = /[，。；、：）》,.;:)]/.test(char);
    if (line && !keepWithPrevious && textWidth(candidate, size, chain) > width) {
      lines.push(line);
      line = char;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}
