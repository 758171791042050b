/**
 * KMS returns ECDSA signatures DER-encoded (X9.62: SEQUENCE { INTEGER r, INTEGER s }); JWS wants the
 * fixed 64-byte r||s (RFC 7518 §3.4). DER integers are minimal and signed, so r or s can be 33 bytes
 * (a 0x00 before a high bit) or shorter than 32 (leading zeros dropped): strip and left-pad to 32.
 */
const P256_BYTES = 32;

export class DerSignatureError extends Error {
  constructor(message: string) {
    super(`not a DER ECDSA P-256 signature: ${message}`);
    this.name = 'DerSignatureError';
  }
}

function readLength(der: Uint8Array, at: number): [length: number, next: number] {
  const first = der[at];
  if (first === undefined) throw new DerSignatureError('truncated length');
  if (first < 0x80) return [first, at + 1];
  // A P-256 signature is at most 72 bytes, so only the one-byte long form (0x81) can occur.
  if (first === 0x81 && der[at + 1] !== undefined) return [der[at + 1]!, at + 2];
  throw new DerSignatureError('unsupported length form');
}

function readInteger(der: Uint8Array, at: number): [value: Uint8Array, next: number] {
  if (der[at] !== 0x02) throw new DerSignatureError('expected an INTEGER');
  const [length, start] = readLength(der, at + 1);
  if (length === 0 || start + length > der.length) throw new DerSignatureError('bad INTEGER length');
  let value = der.subarray(start, start + length);
  while (value.length > 1 && value[0] === 0x00) value = value.subarray(1);
  if (value.length > P256_BYTES) throw new DerSignatureError('INTEGER longer than 32 bytes');
  return [value, start + length];
}

export function derToJose(der: Uint8Array): Uint8Array {
  if (der[0] !== 0x30) throw new DerSignatureError('expected a SEQUENCE');
  const [length, body] = readLength(der, 1);
  if (body + length !== der.length) throw new DerSignatureError('SEQUENCE length mismatch');
  const [r, afterR] = readInteger(der, body);
  const [s, afterS] = readInteger(der, afterR);
  if (afterS !== der.length) throw new DerSignatureError('trailing bytes');
  const out = new Uint8Array(P256_BYTES * 2);
  out.set(r, P256_BYTES - r.length);
  out.set(s, P256_BYTES * 2 - s.length);
  return out;
}
