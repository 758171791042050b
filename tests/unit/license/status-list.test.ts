import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { statusListUrl } from '#domain/license/credential';
import {
  buildStatusListCredential,
  clearStatusBit,
  decodeStatusList,
  emptyStatusList,
  encodeStatusList,
  getStatusBit,
  MIN_STATUS_LIST_ENTRIES,
  StatusListError,
  scatterStatusIndex,
  setStatusBit,
  statusListCredentialSchema,
  statusListLength,
} from '#domain/license/status-list';
import { BASE_URL, ISSUED_AT } from './fixtures.ts';

const setBits = (bits: Uint8Array): number[] =>
  Array.from({ length: statusListLength(bits) }, (_, i) => i).filter((i) => getStatusBit(bits, i));

describe('bitstring status list', () => {
  it('has at least 131,072 entries, all active', () => {
    const bits = emptyStatusList();
    expect(statusListLength(bits)).toBe(131_072);
    expect(setBits(bits)).toEqual([]);
    expect(() => emptyStatusList(MIN_STATUS_LIST_ENTRIES - 8)).toThrow(StatusListError);
  });

  it('numbers bits from the leftmost: index 0 is the most significant bit of byte 0', () => {
    const bits = setStatusBit(setStatusBit(emptyStatusList(), 0), 9);
    expect(bits[0]).toBe(0x80);
    expect(bits[1]).toBe(0x40);
    expect(setStatusBit(emptyStatusList(), 131_071)[16_383]).toBe(0x01);
  });

  it('sets and clears one bit without touching its neighbours or the original', () => {
    const original = emptyStatusList();
    const revoked = setStatusBit(setStatusBit(setStatusBit(original, 7), 8), 100_000);
    expect(setBits(original)).toEqual([]);
    expect(setBits(revoked)).toEqual([7, 8, 100_000]);
    expect(setBits(clearStatusBit(revoked, 8))).toEqual([7, 100_000]);
  });

  it('refuses an index outside the list', () => {
    expect(() => setStatusBit(emptyStatusList(), 131_072)).toThrow(/outside the list/);
    expect(() => getStatusBit(emptyStatusList(), -1)).toThrow(StatusListError);
    expect(() => getStatusBit(emptyStatusList(), 1.5)).toThrow(StatusListError);
  });

  it('round-trips through gzip + base64url with the multibase prefix u', () => {
    const bits = setStatusBit(setStatusBit(emptyStatusList(), 3), 131_000);
    const encoded = encodeStatusList(bits);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(encoded.length).toBeLessThan(200);
    expect(setBits(decodeStatusList(encoded))).toEqual([3, 131_000]);
  });

  it('decodes a list compressed by another gzip (other level and header), comparing bits', () => {
    const bits = setStatusBit(emptyStatusList(), 12_345);
    const foreign = `u${gzipSync(bits, { level: 1 }).toString('base64url')}`;
    expect(foreign).not.toBe(encodeStatusList(bits));
    expect(setBits(decodeStatusList(foreign))).toEqual([12_345]);
  });

  it('refuses a list without the prefix, not gzip, or too short', () => {
    const bits = emptyStatusList();
    expect(() => decodeStatusList(encodeStatusList(bits).slice(1))).toThrow(/multibase/);
    expect(() => decodeStatusList(`u${Buffer.from(bits).toString('base64url')}`)).toThrow(/GZIP/);
    const short = `u${gzipSync(new Uint8Array(1024)).toString('base64url')}`;
    expect(() => decodeStatusList(short)).toThrow(/at least 131072/);
  });

  it('makes a BitstringStatusListCredential for revocation', () => {
    const url = statusListUrl(BASE_URL, 'rev-1');
    const bits = setStatusBit(emptyStatusList(), 5);
    const credential = buildStatusListCredential({ url, issuer: BASE_URL, bits, validFrom: ISSUED_AT });
    expect(statusListCredentialSchema.parse(credential)).toEqual(credential);
    expect(credential.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(credential.credentialSubject).toMatchObject({
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
    });
    expect(credential.id).toBe(`${BASE_URL}/v1/licenses/status-lists/rev-1`);
    expect(setBits(decodeStatusList(credential.credentialSubject.encodedList))).toEqual([5]);
  });

  it('scatters slots in issue order without a collision over the whole list', () => {
    const slots = new Set<number>();
    for (let n = 0; n < MIN_STATUS_LIST_ENTRIES; n++) slots.add(scatterStatusIndex(n));
    expect(slots.size).toBe(MIN_STATUS_LIST_ENTRIES);
    expect([...slots].every((slot) => slot >= 0 && slot < MIN_STATUS_LIST_ENTRIES)).toBe(true);
    expect(Math.abs(scatterStatusIndex(1) - scatterStatusIndex(0))).toBeGreaterThan(1000);
    expect(() => scatterStatusIndex(MIN_STATUS_LIST_ENTRIES)).toThrow(/full/);
    expect(() => scatterStatusIndex(0, 200_000)).toThrow(/power of two/);
  });
});
