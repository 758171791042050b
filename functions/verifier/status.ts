/**
 * The revocation check against a Bitstring Status List credential. The list comes either as the
 * signed JWS a verifier downloaded (its signature is checked against the same JWKS as the license), or
 * already decoded, for the registry's own API, which reads it from its own store.
 */
import type { StatusEntry } from '#domain/license/credential';
import {
  decodeStatusList,
  getStatusBit,
  type StatusListCredential,
  statusListCredentialSchema,
  statusListLength,
} from '#domain/license/status-list';
import { type Check, failed, PASSED } from './checks.ts';
import { type JwkSetLike, verifySignedContent } from './jws.ts';

export type StatusListInput = string | StatusListCredential;

export interface StatusOutcome {
  check: Check;
  status: 'active' | 'revoked' | 'unknown';
}

const unknown = (check: Check): StatusOutcome => ({ check, status: 'unknown' });

async function readList(input: StatusListInput, jwks: JwkSetLike): Promise<StatusListCredential | Check> {
  let candidate: unknown = input;
  if (typeof input === 'string') {
    const signed = await verifySignedContent(input, jwks);
    if (!signed.issuer.ok || !signed.integrity.ok)
      return failed(
        'status-list-invalid',
        `the status list is not signed by the registry: ${whyNot(signed)}`,
      );
    candidate = signed.payload;
  }
  const parsed = statusListCredentialSchema.safeParse(candidate);
  if (!parsed.success)
    return failed('status-list-invalid', 'the status list is not a BitstringStatusListCredential');
  return parsed.data;
}

function whyNot(signed: Awaited<ReturnType<typeof verifySignedContent>>): string {
  return (signed.issuer.ok ? signed.integrity.reason : signed.issuer.reason) ?? 'unknown';
}

/** Is the license's bit set in the list it points to, with the list itself sound and current? */
export async function checkStatus(
  entry: StatusEntry,
  licenseIssuer: string,
  input: StatusListInput,
  context: { jwks: JwkSetLike; now: Date },
): Promise<StatusOutcome> {
  const list = await readList(input, context.jwks);
  if ('ok' in list) return unknown(list);
  if (list.id !== entry.statusListCredential || list.issuer !== licenseIssuer)
    return unknown(
      failed('status-list-mismatch', `the license points to ${entry.statusListCredential}, not ${list.id}`),
    );
  if (list.validUntil && Date.parse(list.validUntil) <= context.now.getTime())
    return unknown(
      failed('status-list-expired', `the status list expired at ${list.validUntil}: fetch it again`),
    );
  let bits: Uint8Array;
  try {
    bits = decodeStatusList(list.credentialSubject.encodedList);
  } catch (error) {
    return unknown(failed('status-list-invalid', (error as Error).message));
  }
  const index = Number(entry.statusListIndex);
  if (index >= statusListLength(bits))
    return unknown(
      failed('index-out-of-range', `status index ${index} is outside the list of ${statusListLength(bits)}`),
    );
  if (getStatusBit(bits, index))
    return { status: 'revoked', check: failed('revoked', 'the license has been revoked by the registry') };
  return { status: 'active', check: PASSED };
}
