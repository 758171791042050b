import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DerSignatureError, derToJose } from '#adapters/ecdsa-der';

/** DER for given r and s as DER writes them (already minimal, with any 0x00 sign byte included). */
function der(r: number[], s: number[]): Uint8Array {
  const body = [0x02, r.length, ...r, 0x02, s.length, ...s];
  return Uint8Array.from([0x30, body.length, ...body]);
}

const bytes = (length: number, fill: number) => new Array<number>(length).fill(fill);

describe('derToJose', () => {
  it('turns real DER signatures into r||s that verify as IEEE P1363', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const lengths = new Set<number>();
    // Some 200 signatures cover DER lengths 70 to 72: r and s with and without the 0x00 sign byte.
    for (let i = 0; i < 200; i++) {
      const data = Buffer.from(`input ${i}`);
      const signature = sign('sha256', data, privateKey);
      lengths.add(signature.length);
      const jose = derToJose(signature);
      expect(jose).toHaveLength(64);
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jose)).toBe(true);
    }
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('strips the 0x00 sign byte of a 33-byte r and s', () => {
    const out = derToJose(der([0x00, ...bytes(32, 0x80)], [0x00, 0xff, ...bytes(31, 0x01)]));
    expect([...out.subarray(0, 32)]).toEqual(bytes(32, 0x80));
    expect([...out.subarray(32)]).toEqual([0xff, ...bytes(31, 0x01)]);
  });

  it('left-pads a short r or s to 32 bytes', () => {
    const out = derToJose(der([0x01, 0x02], bytes(31, 0x7f)));
    expect([...out.subarray(0, 32)]).toEqual([...bytes(30, 0), 0x01, 0x02]);
    expect([...out.subarray(32)]).toEqual([0x00, ...bytes(31, 0x7f)]);
  });

  it('accepts the long length form 0x81 of a 72-byte signature', () => {
    const body = [0x02, 33, 0x00, ...bytes(32, 0x90), 0x02, 33, 0x00, ...bytes(32, 0xa0)];
    const out = derToJose(Uint8Array.from([0x30, 0x81, body.length, ...body]));
    expect([...out]).toEqual([...bytes(32, 0x90), ...bytes(32, 0xa0)]);
  });

  it('refuses what is not a DER P-256 signature', () => {
    expect(() => derToJose(new Uint8Array(64))).toThrow(DerSignatureError);
    expect(() => derToJose(der(bytes(33, 0x01), [0x01]))).toThrow(/longer than 32/);
    expect(() => derToJose(der([0x01], [0x01]).subarray(0, 6))).toThrow(DerSignatureError);
    expect(() => derToJose(Uint8Array.from([...der([0x01], [0x01]), 0x00]))).toThrow(/length mismatch/);
  });
});
