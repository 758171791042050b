/**
 * poppler-utils (pdftotext, pdftoppm, pdffonts) read the rendered PDFs as a reader would. Missing
 * tools fail the test loudly: a skipped check of the printed license would pass unnoticed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const present = new Map<string, boolean>();

/** Each test that reads the PDF calls this first, so that each one fails with the fix in its message. */
function requireTool(tool: 'pdftotext' | 'pdftoppm' | 'pdffonts'): void {
  if (!present.has(tool)) present.set(tool, !spawnSync(tool, ['-v']).error);
  if (!present.get(tool))
    throw new Error(
      `${tool} is missing: the license PDF tests need poppler-utils (apt-get install poppler-utils)`,
    );
}

export function pdfText(pdf: Uint8Array, dir: string): string {
  requireTool('pdftotext');
  const file = join(dir, `text-${Date.now()}-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

export function pdfFonts(pdf: Uint8Array, dir: string): string {
  requireTool('pdffonts');
  const file = join(dir, `fonts-${Date.now()}-${Math.random()}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' });
}

/** Renders page 1 at 150 dpi (72 is too coarse for the modules) and decodes the QR code on it. */
export function decodeQr(pdf: Uint8Array, dir: string): string | undefined {
  requireTool('pdftoppm');
  const base = join(dir, `page-${Date.now()}-${Math.random()}`);
  writeFileSync(`${base}.pdf`, pdf);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', `${base}.pdf`, base]);
  const png = PNG.sync.read(readFileSync(`${base}.png`));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}
