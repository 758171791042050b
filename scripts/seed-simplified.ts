/**
 * Generates seeds/names/simplified.json: each character the naming rules convert to its standard form,
 * and what it becomes. Run with `npx tsx scripts/seed-simplified.ts`; the output is sorted and formatted
 * the same way every time, so a re-run with the same opencc-js and the same standard-characters seed
 * leaves the committed file unchanged (a unit test holds it to that). The runtime reads only the
 * committed table, never OpenCC (docs/decisions/0015-per-entry-wiring.md).
 *
 * The conversion is the one the rules have always made, one character at a time so that a name keeps its
 * length: a character of the standard set (GB 2312, read from the platform's GBK decoder, and the listed
 * standard characters beyond it, less those listed as not standard) stays as written; any other goes
 * through OpenCC's Hong Kong converter, then its Taiwan one (裏/裡, 綫/線 are written differently there),
 * stopping at the first standard character (麼 → 么, not on to 幺). A result of more than one character
 * is not taken. Every code point is tried, so the table is the whole of that function.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as OpenCC from 'opencc-js';
import standard from '#seeds/names/standard-characters.json' with { type: 'json' };

type Convert = (text: string) => string;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The characters kept as written. */
export function standardCharacters(): ReadonlySet<string> {
  const decoder = new TextDecoder('gbk');
  const set = new Set<string>(standard.entries);
  for (let hi = 0xb0; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const c = decoder.decode(new Uint8Array([hi, lo]));
      if (c.length === 1 && c !== '\ufffd') set.add(c);
    }
  }
  for (const c of standard.notStandard) set.delete(c);
  return set;
}

/** The first standard character the converters make of `c`, else the last one-character result. */
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

/** Every character the rules convert, with its standard form, in code point order. */
export function buildSimplified(): [string, string][] {
  const converters = [OpenCC.Converter({ from: 'hk', to: 'cn' }), OpenCC.Converter({ from: 'tw', to: 'cn' })];
  const keep = standardCharacters();
  const out: [string, string][] = [];
  for (let cp = 0x80; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    if (keep.has(c)) continue;
    const to = convertOne(c, converters, keep);
    if (to !== c) out.push([c, to]);
  }
  return out;
}

const openccVersion = (): string =>
  (
    JSON.parse(readFileSync(join(root, 'node_modules', 'opencc-js', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/** One character a line: reviewable diffs, and already in the shape `biome format` gives it. */
export function renderSeed(): string {
  const lines = buildSimplified().map(([from, to]) => `    ${JSON.stringify(from)}: ${JSON.stringify(to)}`);
  return [
    '{',
    `  "source": ${JSON.stringify(`opencc-js@${openccVersion()}: Converter hk→cn, then tw→cn, one character at a time (scripts/seed-simplified.ts)`)},`,
    `  "standard": ${JSON.stringify(`standard-characters.json@${standard.version} and GB 2312`)},`,
    '  "characters": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

// Written only when run as a script, so that importing buildSimplified has no effect.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = join(root, 'seeds', 'names', 'simplified.json');
  writeFileSync(target, renderSeed());
  console.log(`wrote ${target}`);
}
