/**
 * The QR code drawn as vector squares (sharp at any print size, a few hundred bytes). It encodes the
 * verification link, not the credential: a 1,400-character JWS would need version 27 or more, too
 * dense for a phone camera on paper.
 */
import { type PDFPage, rgb } from '@cantoo/pdf-lib';
import QRCode from 'qrcode';

/** Modules of white border a reader needs around the symbol (ISO/IEC 18004). */
const QUIET_ZONE = 4;

/** Draws the code with its bottom-left corner at (x, y), `side` points wide including the quiet zone. */
export function drawQrCode(
  page: PDFPage,
  text: string,
  x: number,
  y: number,
  side: number,
): { version: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size } = qr.modules;
  const module = side / (size + QUIET_ZONE * 2);
  const black = rgb(0, 0, 0);
  for (let row = 0; row < size; row++) {
    // One rectangle per horizontal run of dark modules keeps the content stream small.
    let col = 0;
    while (col < size) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && qr.modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (QUIET_ZONE + start) * module,
        y: y + side - (QUIET_ZONE + row + 1) * module,
        width: (col - start) * module,
        height: module,
        color: black,
      });
    }
  }
  return { version: qr.version };
}
