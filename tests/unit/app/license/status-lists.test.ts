/**
 * Status lists expire, so an offline verifier cannot replay a list saved before a revocation: each
 * signature vouches for a day, the list is signed again when read past half its life (one write wins
 * among concurrent readers), lists from before validUntil existed are signed again on their next read,
 * and the registry's own verification judges its stored list as current whatever its age.
 */
import { describe, expect, it } from 'vitest';
import { issueLicense } from '#app/license/issue';
import { getLicense, getStatusList, jwks } from '#app/license/read';
import { revokeLicense } from '#app/license/revoke';
import { verifyCredential } from '#app/license/verify';
import { STATUS_LIST_VALIDITY_MS, statusListCredentialSchema } from '#domain/license/status-list';
import { verifyLicense } from '../../../../functions/verifier/index.ts';
import { decodePart, licensePorts, registeredEnterprise } from './support.ts';

const HOUR = 3_600_000;

async function licensed() {
  const ports = licensePorts();
  const { registrationId, creditCode } = await registeredEnterprise(ports);
  await issueLicense(ports, registrationId, creditCode);
  const credential = (await getLicense(ports, creditCode)).credential;
  return { ports, creditCode, credential };
}

const listOf = (jws: string) => statusListCredentialSchema.parse(decodePart(jws, 1));

describe('a published status list', () => {
  it('is valid for a day from its signature', async () => {
    const { ports } = await licensed();
    const served = await getStatusList(ports, '1');
    const list = listOf(served.credential);
    expect(list.validFrom).toBe(ports.clock.now().toISOString());
    expect(Date.parse(list.validUntil!) - Date.parse(list.validFrom)).toBe(STATUS_LIST_VALIDITY_MS);
    expect(STATUS_LIST_VALIDITY_MS).toBe(24 * HOUR);
    expect(served.validUntil).toBe(list.validUntil);
  });

  it('is served as stored before half its life, and signed again after it, with a day from then', async () => {
    const { ports } = await licensed();
    const first = await getStatusList(ports, '1');
    ports.clock.advance(11 * HOUR);
    expect((await getStatusList(ports, '1')).credential).toBe(first.credential);
    const before = (await ports.licenses.statusList('1'))!.revision;
    ports.clock.advance(2 * HOUR);
    const again = await getStatusList(ports, '1');
    expect(again.credential).not.toBe(first.credential);
    expect(listOf(again.credential)).toMatchObject({
      validFrom: ports.clock.now().toISOString(),
      validUntil: new Date(ports.clock.now().getTime() + STATUS_LIST_VALIDITY_MS).toISOString(),
      credentialSubject: listOf(first.credential).credentialSubject,
    });
    expect((await ports.licenses.statusList('1'))!).toMatchObject({
      revision: before + 1,
      jws: again.credential,
    });
  });

  it('cannot be replayed: a copy saved before a revocation is refused once expired, the fresh one says revoked', async () => {
    const { ports, creditCode, credential } = await licensed();
    const keys = await jwks(ports);
    const saved = (await getStatusList(ports, '1')).credential;
    ports.clock.advance(HOUR);
    await revokeLicense(ports, creditCode, 'deregistered');
    const verdict = (statusList: string, now: Date) =>
      verifyLicense(credential, { jwks: keys, statusList, now });
    // Within its day the saved copy still vouches (the replay window is bounded, not closed).
    expect((await verdict(saved, ports.clock.now())).status).toBe('active');
    ports.clock.advance(STATUS_LIST_VALIDITY_MS);
    const stale = await verdict(saved, ports.clock.now());
    expect(stale).toMatchObject({ valid: false, status: 'unknown' });
    expect(stale.checks.status).toMatchObject({ ok: false, code: 'status-list-expired' });
    const fresh = await verdict((await getStatusList(ports, '1')).credential, ports.clock.now());
    expect(fresh).toMatchObject({ valid: false, status: 'revoked' });
  });

  it('is signed once however many readers find it stale at the same moment', async () => {
    const { ports } = await licensed();
    const before = (await ports.licenses.statusList('1'))!.revision;
    ports.clock.advance(13 * HOUR);
    const served = await Promise.all(Array.from({ length: 5 }, () => getStatusList(ports, '1')));
    const stored = (await ports.licenses.statusList('1'))!;
    expect(stored.revision).toBe(before + 1);
    for (const s of served) expect(Date.parse(s.validUntil!)).toBeGreaterThan(ports.clock.now().getTime());
    expect(served.map((s) => s.credential)).toContain(stored.jws);
  });

  it('published before lists expired is signed again on its next read; its licenses keep verifying', async () => {
    const { ports, credential } = await licensed();
    // A list as this registry published them before: no validUntil, so valid for ever to a verifier.
    const stored = (await ports.licenses.statusList('1'))!;
    const { validUntil: _, ...timeless } = stored.credential;
    await ports.licenses.republishStatusList({
      ...stored,
      credential: timeless,
      expectedRevision: stored.revision,
    });
    const served = await getStatusList(ports, '1');
    expect(listOf(served.credential).validUntil).toBeDefined();
    const verdict = await verifyLicense(credential, {
      jwks: await jwks(ports),
      statusList: served.credential,
      now: ports.clock.now(),
    });
    expect(verdict).toMatchObject({ valid: true, status: 'active' });
  });

  it('is judged current by the registry’s own verification, however long since it was signed', async () => {
    const { ports, credential } = await licensed();
    ports.clock.advance(3 * STATUS_LIST_VALIDITY_MS);
    expect(await verifyCredential(ports, credential)).toMatchObject({ valid: true, status: 'active' });
  });
});
