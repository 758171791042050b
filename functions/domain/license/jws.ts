/**
 * Compact JWS (RFC 7515) composed by hand: jose cannot sign through KMS, whose key never leaves it, so
 * the signing input is built here and handed to whatever holds the key. Pure apart from that call.
 */

/** The protected header of every registry credential (VC-JOSE-COSE §3.1.1). */
export interface VcJwtHeader {
  alg: 'ES256';
  typ: 'vc+jwt';
  cty: 'vc';
  kid: string;
}

/** What signs: the Signer port satisfies it. Declared here so the domain imports no port. */
export interface JwsSigningKey {
  readonly kid: string;
  sign(signingInput: Uint8Array): Promise<Uint8Array>;
}

function b64url(value: Uint8Array | string): string {
  return Buffer.from(value).toString('base64url');
}

export function vcJwtHeader(kid: string): VcJwtHeader {
  return { alg: 'ES256', typ: 'vc+jwt', cty: 'vc', kid };
}

/** `BASE64URL(header) . BASE64URL(payload)`: the bytes the signature covers. */
export function signingInput(header: object, payload: object): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
}

export function compactJws(input: string, signature: Uint8Array): string {
  if (signature.length !== 64) throw new RangeError('an ES256 signature is 64 bytes (r||s)');
  return `${input}.${b64url(signature)}`;
}

/**
 * Signs any payload as an ES256 compact JWS with the key's kid; `header` adds `typ` and the like (the
 * department events sign with the same key under their own typ).
 */
export async function signJws(key: JwsSigningKey, header: object, payload: object): Promise<string> {
  const input = signingInput({ ...header, alg: 'ES256', kid: key.kid }, payload);
  return compactJws(input, await key.sign(new TextEncoder().encode(input)));
}

/** Signs `payload` as a `vc+jwt` with the key's kid in the protected header. */
export function signVcJwt(key: JwsSigningKey, payload: object): Promise<string> {
  return signJws(key, vcJwtHeader(key.kid), payload);
}
