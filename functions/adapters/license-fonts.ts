/**
 * Where the license PDF's fonts come from. Each is read through one function so that the cloud bundle
 * can ship just the file as an asset (LICENSE_FONT_FILE, LICENSE_FALLBACK_FONT_FILE) instead of the
 * font packages, which weigh 56 MB (Noto Sans SC, all weights) and 197 MB (Source Han Sans SC).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Resolved only when no file is configured: a bundled Lambda has no node_modules (and, as CommonJS, no
 * import.meta.url), so it must name its font files and never reach this.
 */
function packageDir(name: string): string {
  return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
}

/** Noto Sans SC Regular (TrueType, OFL): every character of ordinary names, addresses and scopes. */
export function licenseFontPath(): string {
  return (
    process.env.LICENSE_FONT_FILE ||
    join(packageDir('@expo-google-fonts/noto-sans-sc'), '400Regular', 'NotoSansSC_400Regular.ttf')
  );
}

/**
 * Source Han Sans SC Regular (OpenType/CFF, OFL), for the rare characters of names that Noto Sans SC
 * lacks: it covers 2,108 CJK Extension-B characters to Noto's 54 (e.g. 𠮷, 𡈽). Read only when a
 * license needs it: the file is 17 MB.
 */
export function licenseFallbackFontPath(): string {
  return (
    process.env.LICENSE_FALLBACK_FONT_FILE ||
    join(packageDir('node-source-han-sans-sc'), 'SourceHanSansSC-Regular.otf')
  );
}

const cache = new Map<string, Uint8Array>();

/** The font file's bytes, read once per process (a warm Lambda container reuses them). */
export function fontBytes(path: string): Uint8Array {
  let bytes = cache.get(path);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path));
    cache.set(path, bytes);
  }
  return bytes;
}
