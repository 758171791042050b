/**
 * fontkit's WOFF2 decoder (`brotli/decompress.js`), as Node's own Brotli. The Lambda bundles alias it here
 * (../bundling.ts) instead of carrying brotli.js, a pure-JavaScript decoder whose static dictionary alone
 * is a 475 KB array literal. Same contract: the compressed bytes in, the decompressed bytes out.
 */
import { brotliDecompressSync } from 'node:zlib';

export default function decompress(buffer: Uint8Array): Uint8Array {
  return brotliDecompressSync(buffer);
}
